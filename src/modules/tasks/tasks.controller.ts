import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../../workflow/audit/audit.service';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { historyView } from '../papers/paper.view';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQuery } from './dto/list-tasks.query';
import { TaskEventDto } from './dto/task-event.dto';
import { implementationReportCsv } from './implementation-report-csv';
import { ImplementationReportService } from './implementation-report.service';
import { TaskEventsService } from './task-events.service';
import { TasksService } from './tasks.service';

const uuid = new ParseUUIDPipe();

/** Measures carrying out adopted papers, and the Beschlusskontrolle. Everyone in the body reads. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly events: TaskEventsService,
    private readonly report: ImplementationReportService,
    private readonly audit: AuditService,
  ) {}

  @Get('papers/:id/tasks/proposal')
  @ApiOperation({ summary: 'The paper’s measures (and funding note) offered as tasks to create; writes nothing' })
  proposal(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.tasks.proposal(user.bodyId, id);
  }

  @Post('papers/:id/tasks')
  @Roles('clerk')
  @ApiOperation({ summary: 'Add a task to an adopted paper; the first moves the paper to inImplementation. 409 when the paper is not adopted' })
  create(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateTaskDto) {
    return this.tasks.create(user, user.bodyId, id, dto);
  }

  @Get('papers/:id/tasks')
  @ApiOperation({ summary: 'The paper’s tasks; 404 for a paper the caller’s body does not have' })
  listForPaper(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.tasks.listForPaper(user.bodyId, id);
  }

  @Get('tasks')
  @ApiOperation({ summary: 'Tasks of the caller’s body by due day; filters paperId, assigneeId, outcome, overdue' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListTasksQuery) {
    return this.tasks.list(user.bodyId, query);
  }

  @Get('tasks/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.tasks.get(user.bodyId, id);
  }

  @Post('tasks/:id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'One transition of the task’s machine; 409 with `allowed` (and `problems`) when refused' })
  send(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: TaskEventDto) {
    return this.events.send(user, user.bodyId, id, dto);
  }

  @Get('tasks/:id/events/allowed')
  async allowed(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return { allowed: await this.events.allowed(user, user.bodyId, id) };
  }

  @Get('tasks/:id/history')
  @ApiOperation({ summary: 'The hash-chained audit entries of the task, in order' })
  async history(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    await this.tasks.get(user.bodyId, id);
    return (await this.audit.history(user.bodyId, 'task', id)).map(historyView);
  }

  @Get('tasks/:id/history/verify')
  @ApiOperation({ summary: 'Recompute the task’s hash chain; names the first broken entry' })
  async verify(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    await this.tasks.get(user.bodyId, id);
    return this.audit.verify(user.bodyId, 'task', id);
  }

  @Get('reports/implementation')
  @ApiOperation({ summary: 'Beschlusskontrolle: per adopted paper its tasks open, done, cancelled and overdue' })
  implementation(@CurrentUser() user: AuthUser) {
    return this.report.report(user.bodyId);
  }

  @Get('reports/implementation.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="beschlusskontrolle.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The implementation report as CSV (semicolons, UTF-8 with BOM)' })
  async implementationCsv(@CurrentUser() user: AuthUser) {
    return implementationReportCsv(await this.report.report(user.bodyId));
  }
}
