import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser } from '../identity/decorators';
import { InboxResponse } from './dto/inbox.response';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: 'What waits for the caller: own drafts, Vorlagen to sign, meetings to prepare, tasks due, reminders, with counts' })
  @ApiOkResponse({ type: InboxResponse })
  get(@CurrentUser() user: AuthUser): Promise<InboxResponse> {
    return this.inbox.inbox(user);
  }
}
