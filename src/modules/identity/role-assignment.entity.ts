import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Body } from '../bodies/body.entity';
import type { Role } from './role';
import { User } from './user.entity';

/** A role a user holds in one body. */
@Entity('role_assignment')
@Index(['userId', 'bodyId', 'role'], { unique: true })
@Check(
  `"role" IN ('clerk', 'department_head', 'district_director', 'district_administrator', 'committee_office', 'auditor', 'admin', 'operator')`,
)
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, (user) => user.roleAssignments, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => Body, { onDelete: 'CASCADE' })
  body?: Body;

  @Column({ type: 'text' })
  role: Role;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
