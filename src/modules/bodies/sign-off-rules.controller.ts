import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { BadInputError } from '../../shared/domain-error';
import { PutSignOffRuleDto, SignOffRuleParams } from './dto/sign-off-rule.dto';
import { SignOffRulesService } from './sign-off-rules.service';

/** The body's sign-off chain per paper type: everyone in the body reads it, its admin sets it. */
@ApiTags('sign-off-rules')
@ApiBearerAuth()
@Controller('sign-off-rules')
export class SignOffRulesController {
  constructor(private readonly rules: SignOffRulesService) {}

  @Get()
  @ApiOperation({ summary: 'The sign-off chain per paper type of the caller’s body (the default where none is set)' })
  list(@CurrentUser() user: AuthUser) {
    return this.rules.list(user.bodyId);
  }

  @Put(':paperType')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the chain for one paper type; papers created afterwards must pass it (a clerk may add steps)' })
  set(@CurrentUser() user: AuthUser, @Param() params: SignOffRuleParams, @Body() dto: PutSignOffRuleDto) {
    const parallel = dto.parallel ?? [];
    if (parallel.length > 0 && dto.steps.length === 0) {
      // Nobody would be left to release the paper after the co-signers.
      throw new BadInputError('parallel co-signers need a line to release the paper', [
        { field: 'parallel', messages: ['parallel co-signers need at least one step in steps'] },
      ]);
    }
    const mode = dto.mode ?? 'chain';
    if (mode === 'none' && (dto.steps.length > 0 || parallel.length > 0)) {
      throw new BadInputError('mode none takes no steps and no parallel co-signers', [
        { field: 'steps', messages: ['must be empty with mode none'] },
      ]);
    }
    return this.rules.set(user, user.bodyId, params.paperType, dto.steps, parallel.map((u) => u.trim()), mode);
  }
}
