import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PapersModule } from '../papers/papers.module';
import { TasksModule } from '../tasks/tasks.module';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** "Mein Eingang" of the web console: a read model over papers, meetings, tasks and mail. */
@Module({
  imports: [PapersModule, MeetingsModule, TasksModule, NotificationsModule],
  controllers: [InboxController],
  providers: [InboxService],
})
export class InboxModule {}
