import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Values the instances of one deployment must share, such as the token signing secret. */
@Entity()
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
