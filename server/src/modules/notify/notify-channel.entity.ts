import type { NotifyPlatform } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';

/**
 * A group robot: a college's group (collegeId) or the school's own (collegeId null). The webhook
 * address carries the robot's key and the secret signs requests: neither ever leaves the server in
 * full (NotifyChannelDto masks them).
 */
@Entity()
@Index(['collegeId'])
export class NotifyChannel {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  collegeId: number | null;

  @Column({ type: 'varchar', length: 16 })
  platform: NotifyPlatform;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 500 })
  webhookUrl: string;

  /** 钉钉 加签 secret (SEC…) or 飞书 签名校验 secret; null when the robot does not sign. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  secret: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
