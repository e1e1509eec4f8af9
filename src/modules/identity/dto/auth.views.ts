import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../role';

export class BodyRef {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class LoginUserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Roles in the body the token is for' }) roles: Role[];
  @ApiProperty({ type: BodyRef }) body: BodyRef;
}

/** `POST /auth/login` (CONTRACT.md). The console's session cookies are set beside it. */
export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token (and the session cookie) expires' }) expiresIn: number;
  @ApiProperty({ type: LoginUserView }) user: LoginUserView;
}

/** `GET /auth/me`: who the token says, with the roles in its body as they are now. */
export class MeView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() bodyId: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
}
