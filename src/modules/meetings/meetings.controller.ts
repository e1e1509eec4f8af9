import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../../workflow/audit/audit.service';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { historyView } from '../papers/paper.view';
import { AddAgendaItemDto, RecordAttendanceDto, RecordItemResultDto, RemoveAgendaItemDto, UpdateAgendaItemDto } from './dto/agenda-item.dto';
import { CreateMeetingDto } from './dto/create-meeting.dto';
import { ListMeetingsQuery } from './dto/list-meetings.query';
import { DocumentQuery } from './dto/document.query';
import { MeetingEventDto, SignMinutesDto } from './dto/meeting-event.dto';
import { MeetingAgendaService } from './meeting-agenda.service';
import { MeetingResultsService } from './meeting-results.service';
import { MeetingDocumentsService } from './meeting-documents.service';
import { MeetingEventsService } from './meeting-events.service';
import { MeetingsService } from './meetings.service';
import { DecisionExtractsService, EXTRACT_CONTENT_TYPES } from './decision-extracts.service';
import { MeetingAmendmentsService } from './meeting-amendments.service';
import { ProposeAmendmentDto, RecordAmendmentResultDto, WithdrawAmendmentDto } from './dto/amendment.dto';

const uuid = new ParseUUIDPipe();

/** Sitzungen (CONTRACT.md). Everyone in the body reads; the committee office runs them. */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly agenda: MeetingAgendaService,
    private readonly results: MeetingResultsService,
    private readonly events: MeetingEventsService,
    private readonly documents: MeetingDocumentsService,
    private readonly audit: AuditService,
    private readonly decisionExtracts: DecisionExtractsService,
    private readonly amendments: MeetingAmendmentsService,
  ) {}

  @Post('meetings')
  @Roles('committee_office')
  @ApiOperation({ summary: 'Plan a meeting (state planned)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateMeetingDto) {
    return this.meetings.create(user, user.bodyId, dto);
  }

  @Get('meetings')
  @ApiOperation({ summary: 'Meetings of the caller’s body, by start' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListMeetingsQuery) {
    return this.meetings.list(user.bodyId, query);
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'One meeting with its agenda and attendance' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.meetings.get(user.bodyId, id);
  }

  @Post('meetings/:id/events')
  @HttpCode(200)
  @Roles('committee_office')
  @ApiOperation({ summary: 'INVITE, OPEN, CLOSE, CANCEL, RESCHEDULE, APPROVE_MINUTES; 409 when refused (INVITE: with earliestStart)' })
  send(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: MeetingEventDto) {
    return this.events.send(user, user.bodyId, id, dto);
  }

  @Get('meetings/:id/events/allowed')
  @ApiOperation({ summary: 'The meeting events the caller may send now' })
  async allowed(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return { allowed: await this.events.allowed(user, user.bodyId, id) };
  }

  @Post('meetings/:id/agenda-items')
  @Roles('committee_office')
  @ApiOperation({ summary: 'Add an agenda item; with paperId it schedules the paper’s current consultation' })
  addItem(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AddAgendaItemDto) {
    return this.agenda.addItem(user, user.bodyId, id, dto);
  }

  @Patch('meetings/:id/agenda-items/:itemId')
  @Roles('committee_office')
  @ApiOperation({ summary: 'Renumber or retitle an item (before the session)' })
  updateItem(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('itemId', uuid) itemId: string, @Body() dto: UpdateAgendaItemDto) {
    return this.agenda.updateItem(user, user.bodyId, id, itemId, dto);
  }

  @Delete('meetings/:id/agenda-items/:itemId')
  @Roles('committee_office')
  @ApiOperation({ summary: 'Take an item off the agenda (after the invitation it stays, marked abgesetzt); its paper awaits an agenda again' })
  removeItem(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('itemId', uuid) itemId: string, @Body() dto: RemoveAgendaItemDto) {
    return this.agenda.removeItem(user, user.bodyId, id, itemId, dto ?? {});
  }

  @Post('meetings/:id/agenda-items/:itemId/result')
  @HttpCode(200)
  @Roles('committee_office')
  @ApiOperation({ summary: 'Record an item’s result, only in session and quorate; moves the paper' })
  recordResult(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('itemId', uuid) itemId: string, @Body() dto: RecordItemResultDto) {
    return this.results.recordResult(user, user.bodyId, id, itemId, dto);
  }

  @Post('meetings/:id/agenda-items/:itemId/amendments')
  @Roles('committee_office')
  @ApiOperation({ summary: 'Table an Änderungsantrag on an item carrying a paper (by a Fraktion, Gruppe or member), before or in the session' })
  proposeAmendment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('itemId', uuid) itemId: string, @Body() dto: ProposeAmendmentDto) {
    return this.amendments.propose(user, user.bodyId, id, itemId, dto);
  }

  @Post('meetings/:id/agenda-items/:itemId/amendments/:amendmentId/result')
  @HttpCode(200)
  @Roles('committee_office')
  @ApiOperation({ summary: 'Record an Änderungsantrag’s vote in session (adopted or rejected; the result must follow from the votes), before the main motion' })
  amendmentResult(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Param('amendmentId', uuid) amendmentId: string,
    @Body() dto: RecordAmendmentResultDto,
  ) {
    return this.amendments.recordResult(user, user.bodyId, id, itemId, amendmentId, dto);
  }

  @Post('meetings/:id/agenda-items/:itemId/amendments/:amendmentId/withdraw')
  @HttpCode(200)
  @Roles('committee_office')
  @ApiOperation({ summary: 'Withdraw an Änderungsantrag not yet voted on' })
  withdrawAmendment(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Param('amendmentId', uuid) amendmentId: string,
    @Body() dto: WithdrawAmendmentDto,
  ) {
    return this.amendments.withdraw(user, user.bodyId, id, itemId, amendmentId, dto ?? {});
  }

  @Put('meetings/:id/attendance')
  @Roles('committee_office')
  @ApiOperation({ summary: 'Record who is present (and for whom a substitute sits in), in session' })
  attendance(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RecordAttendanceDto) {
    return this.agenda.recordAttendance(user, user.bodyId, id, dto);
  }

  @Get('meetings/:id/history')
  async history(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    await this.meetings.get(user.bodyId, id);
    return (await this.audit.history(user.bodyId, 'meeting', id)).map(historyView);
  }

  @Get('meetings/:id/agenda')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The agenda (Tagesordnung) as German HTML; part=public leaves out the non-public part' })
  agendaHtml(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() query: DocumentQuery) {
    return this.documents.agendaHtml(user.bodyId, id, query.part ?? 'all', query.version ?? 'current');
  }

  @Get('meetings/:id/agenda.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The agenda as PDF' })
  async agendaPdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() query: DocumentQuery) {
    const pdf = await this.documents.agendaPdf(user.bodyId, id, query.part ?? 'all', query.version ?? 'current');
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="tagesordnung-${id}.pdf"` });
  }

  @Get('meetings/:id/minutes')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'The minutes (Niederschrift) as German HTML: a live draft until signed, then the stored document with its SHA-256 in X-Content-SHA256; part=public leaves out the non-public part',
  })
  async minutes(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() query: DocumentQuery, @Res({ passthrough: true }) res: Response) {
    const { html, sha256 } = await this.documents.minutesHtml(user.bodyId, id, query.part ?? 'all');
    if (sha256) res.setHeader('X-Content-SHA256', sha256);
    return html;
  }

  @Post('meetings/:id/minutes/signatures')
  @HttpCode(200)
  @ApiOperation({ summary: 'The designated chair or Schriftführer signs the minutes of a held meeting; the second signature freezes them' })
  sign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SignMinutesDto) {
    return this.events.sign(user, user.bodyId, id, dto.as);
  }

  @Get('meetings/:id/extracts')
  @ApiOperation({
    summary: 'The Beschlussauszüge cut from the signed minutes (§ 37 KrO NRW), one per decided item with a paper: TOP, paper, unit, where each was sent, hashes',
  })
  extracts(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.decisionExtracts.list(user.bodyId, id);
  }

  @Get('meetings/:id/extracts/:extractId')
  @ApiProduces('text/html', 'application/pdf')
  @ApiOperation({ summary: 'One Beschlussauszug as stored, with its SHA-256 in X-Content-SHA256; non-public ones are internal and never published' })
  async extract(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('extractId', uuid) extractId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { content, format, sha256, itemNumber } = await this.decisionExtracts.document(user.bodyId, id, extractId);
    res.setHeader('X-Content-SHA256', sha256);
    const name = `beschlussauszug-top-${itemNumber.replace(/[^0-9A-Za-z.]+/g, '-')}.${format}`;
    return new StreamableFile(content, { type: EXTRACT_CONTENT_TYPES[format], disposition: `inline; filename="${name}"` });
  }

  @Get('organizations/:id/meetings.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The organization’s meetings as an iCalendar feed (public items only)' })
  calendar(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.documents.calendar(user.bodyId, id);
  }
}
