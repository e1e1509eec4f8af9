import { Module } from '@nestjs/common';
import { IdentityModule } from '../modules/identity/identity.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [IdentityModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
