import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../../workflow/audit/audit.service';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { CreatePaperDto } from './dto/create-paper.dto';
import { ListPapersQuery } from './dto/list-papers.query';
import { PaperEventDto } from './dto/paper-event.dto';
import {
  AllowedEventsResponse,
  ChainVerdictResponse,
  HistoryEntryResponse,
  PaperEventResponse,
  PaperPageResponse,
  PaperResponse,
} from './dto/paper.responses';
import { UpdatePaperDto } from './dto/update-paper.dto';
import { PaperEventsService } from './paper-events.service';
import { historyView } from './paper.view';
import { PapersService } from './papers.service';
import { MotionsService } from './motions.service';
import { RegisterMotionDto } from './dto/register-motion.dto';

const uuid = new ParseUUIDPipe();

/** Vorlagen (CONTRACT.md). Everyone in the body reads; roles per event are the machine's. */
@ApiTags('papers')
@ApiBearerAuth()
@Controller('papers')
export class PapersController {
  constructor(
    private readonly papers: PapersService,
    private readonly events: PaperEventsService,
    private readonly audit: AuditService,
    private readonly motions: MotionsService,
  ) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({ summary: 'Create a draft Vorlage' })
  @ApiCreatedResponse({ type: PaperResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePaperDto): Promise<PaperResponse> {
    return this.papers.create(user, user.bodyId, dto);
  }

  @Post('motions')
  @Roles('committee_office')
  @ApiOperation({
    summary:
      'Register an Antrag or Anfrage of a Fraktion, Gruppe or member as received: no administrative sign-off, straight to deliberation; 409 when the Fraktion lacks the strength of § 40 KrO NRW',
  })
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterMotionDto) {
    return this.motions.register(user, user.bodyId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Papers of the caller’s body, newest first' })
  @ApiOkResponse({ type: PaperPageResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: ListPapersQuery): Promise<PaperPageResponse> {
    return this.papers.list(user.bodyId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PaperResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<PaperResponse> {
    return this.papers.get(user.bodyId, id);
  }

  @Patch(':id')
  @Roles('clerk')
  @ApiOperation({ summary: 'Edit a draft' })
  @ApiOkResponse({ type: PaperResponse })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdatePaperDto): Promise<PaperResponse> {
    return this.papers.update(user, user.bodyId, id, dto);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'One transition; 409 with `allowed` when refused, with `currentVersion` when stale' })
  @ApiOkResponse({ type: PaperEventResponse })
  send(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PaperEventDto): Promise<PaperEventResponse> {
    return this.events.send(user, user.bodyId, id, dto);
  }

  @Get(':id/events/allowed')
  @ApiOkResponse({ type: AllowedEventsResponse })
  async allowed(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<AllowedEventsResponse> {
    return { allowed: await this.events.allowed(user, user.bodyId, id) };
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The hash-chained audit entries, in order' })
  @ApiOkResponse({ type: [HistoryEntryResponse] })
  async history(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<HistoryEntryResponse[]> {
    await this.papers.get(user.bodyId, id);
    return (await this.audit.history(user.bodyId, 'paper', id)).map(historyView);
  }

  @Get(':id/history/verify')
  @ApiOperation({ summary: 'Recompute the hash chain; names the first broken entry' })
  @ApiOkResponse({ type: ChainVerdictResponse })
  async verify(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ChainVerdictResponse> {
    await this.papers.get(user.bodyId, id);
    return this.audit.verify(user.bodyId, 'paper', id);
  }
}
