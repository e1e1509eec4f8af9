import { ApiProperty } from '@nestjs/swagger';
import { PaperSummaryResponse } from '../../papers/dto/paper.responses';

export class InboxMeeting {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ enum: ['planned', 'invited'] }) state: string;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Planned only: the last day the Ladungsfrist allows inviting (Berlin)' })
  lastDayToInvite: string | null;
}

export class InboxTask {
  @ApiProperty() id: string;
  @ApiProperty() paperId: string;
  @ApiProperty({ enum: ['workshop', 'tender', 'funding_application', 'generic'] }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dueDate: string | null;
  @ApiProperty() overdue: boolean;
}

export class InboxReminder {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'What the mail was about, e.g. signOffReminder, taskDueReminder' }) kind: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class InboxPapers {
  @ApiProperty() count: number;
  @ApiProperty({ type: [PaperSummaryResponse] }) items: PaperSummaryResponse[];
}
export class InboxMeetings {
  @ApiProperty() count: number;
  @ApiProperty({ type: [InboxMeeting] }) items: InboxMeeting[];
}
export class InboxTasks {
  @ApiProperty() count: number;
  @ApiProperty({ type: [InboxTask] }) items: InboxTask[];
}
export class InboxReminders {
  @ApiProperty() count: number;
  @ApiProperty({ type: [InboxReminder] }) items: InboxReminder[];
}

/** `GET /inbox`: what waits for the caller ("Mein Eingang"). */
export class InboxResponse {
  @ApiProperty({ type: InboxPapers, description: 'The caller’s own Vorlagen still in draft' }) drafts: InboxPapers;
  @ApiProperty({ type: InboxPapers, description: 'Vorlagen in sign-off the caller may sign now (its step, a co-sign unit, or i.V.)' })
  toSign: InboxPapers;
  @ApiProperty({ type: InboxMeetings, description: 'Committee office: meetings from today on not yet held' }) meetingsToPrepare: InboxMeetings;
  @ApiProperty({ type: InboxTasks, description: 'Open tasks assigned to the caller (a clerk: also unassigned ones) due within 14 days or overdue' })
  tasksDue: InboxTasks;
  @ApiProperty({ type: InboxReminders, description: 'Mail sent to the caller in the last 14 days' }) reminders: InboxReminders;
}
