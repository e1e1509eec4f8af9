import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../infrastructure/config/app-config';
import { QUEUE_DASHBOARD_GUARD } from '../../infrastructure/queue/queue-dashboard';
import { AccessService } from './access.service';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { operatorBasicAuth } from './operator-basic-auth';
import { RevokedToken } from './revoked-token.entity';
import { RoleAssignment } from './role-assignment.entity';
import { UserAdminService } from './user-admin.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RoleAssignment, RevokedToken]),
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtExpiresInSeconds, issuer: 'ratsweg' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'ratsweg' },
      }),
    }),
  ],
  controllers: [AuthController, AdminUsersController],
  providers: [
    { provide: LoginThrottle, useFactory: () => new LoginThrottle() },
    AuthService,
    UsersService,
    AccessService,
    UserAdminService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: QUEUE_DASHBOARD_GUARD, inject: [AuthService, AccessService], useFactory: operatorBasicAuth },
  ],
  exports: [UsersService, AccessService, QUEUE_DASHBOARD_GUARD],
})
export class IdentityModule {}
