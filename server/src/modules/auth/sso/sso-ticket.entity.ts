import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../../../database/columns';

/**
 * One CAS service ticket or OIDC authorization code this platform has redeemed. The unique key
 * makes each usable once, on any instance, even against a portal that would accept it twice; the
 * row also lets a CAS single-logout request (which names the ticket) end that person's sessions.
 * Only a digest is kept: the ticket itself is a bearer credential until the portal consumes it.
 */
@Entity()
export class SsoTicket {
  @PrimaryGeneratedColumn()
  id: number;

  /** SHA-256 (hex) of `protocol:ticket`. */
  @Column({ type: 'varchar', length: 64, unique: true })
  ticketKey: string;

  @Column({ type: 'varchar', length: 8 })
  protocol: 'cas' | 'oidc';

  /** The person it signed in; null when the portal's account is not on the roster. */
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  /** When a single-logout request for this ticket ended the person's sessions. */
  @DateTimeColumn({ nullable: true })
  loggedOutAt: Date | null;

  @Index()
  @CreatedAtColumn()
  createdAt: Date;
}
