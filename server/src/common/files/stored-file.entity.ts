import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

/**
 * An uploaded file kept under DATA_DIR/uploads (an APP screenshot, a report's attachment). The row
 * holds what the content was sniffed to be, never what the browser claimed.
 */
@Entity()
export class StoredFile {
  @PrimaryGeneratedColumn()
  id: number;

  /** Path under the upload directory, e.g. `reports/2026/11/3f2a….pdf`. */
  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  /** The name the uploader gave it, for the download. */
  @Column({ type: 'varchar', length: 200 })
  originalName: string;

  @Column({ type: 'varchar', length: 100 })
  mimeType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'int', nullable: true })
  uploadedBy: number | null;

  @CreatedAtColumn()
  createdAt: Date;
}
