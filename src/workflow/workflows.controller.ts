import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '../shared/domain-error';
import { describeMachine, toMermaid } from './machine-description';
import { WorkflowRegistry } from './workflow-registry';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly registry: WorkflowRegistry) {}

  @Get()
  list() {
    return this.registry.names();
  }

  @Get(':machine')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'A machine definition as JSON, or `?format=mermaid` as a diagram' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'mermaid'] })
  get(@Param('machine') name: string, @Query('format') format: string | undefined, @Res({ passthrough: true }) res: Response) {
    const definition = this.registry.get(name);
    if (!definition) throw new NotFoundError('Workflow', name);
    const machine = definition.machines[definition.currentVersion];
    if (format === 'mermaid') {
      res.type('text/plain; charset=utf-8');
      return toMermaid(machine);
    }
    return describeMachine(machine, definition.currentVersion);
  }
}
