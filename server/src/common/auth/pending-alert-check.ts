import type { Principal } from './principal';

/**
 * The guard's question to the alerts feature: must this person acknowledge an urgent alert before
 * doing anything else? A port, so the one access gate does not depend on a feature module; the alerts
 * module provides it. Called on every guarded request: it must answer from memory in the usual case.
 */
export interface PendingAlertCheck {
  blocks(principal: Principal): Promise<boolean>;
}

export const PENDING_ALERT_CHECK = Symbol('PendingAlertCheck');
