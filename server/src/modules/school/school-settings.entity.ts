import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../../database/columns';

/** 学校信息设置: one row (id 1) holding the school's own details; see SchoolSettingsService. */
@Entity()
export class SchoolSettings {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: '' })
  shortName: string;

  /** 保卫处 24 小时值班电话. */
  @Column({ type: 'varchar', length: 30 })
  securityPhone: string;

  @Column({ type: 'varchar', length: 30, default: '' })
  studentAffairsPhone: string;

  @Column({ type: 'varchar', length: 300 })
  paymentChannel: string;

  @Column({ type: 'varchar', length: 300 })
  freshmanGroupNotice: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  website: string;

  @UpdatedAtColumn()
  updatedAt: Date;
}
