// The demo school as the server seeds it: its freshmen enrolled in the September that began this
// academic year (the same rule as the server's, from shared/), and the named demo accounts.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { freshmanEnrollmentYear } = require('../../shared/dist/index.js');

/** Enrolment year of the demo's freshmen, e.g. 2026 from September 2026 to August 2027. */
export const FRESHMAN_YEAR = freshmanEnrollmentYear();
/** The demo's second-year students. */
export const SENIOR_YEAR = FRESHMAN_YEAR - 1;
export const DEMO_PASSWORD = 'Fangpian-Demo-26';
/** Every other demo account's initial password (README): it must be changed at first login. */
export const DEMO_INITIAL_PASSWORD = 'Xinsheng-Start-26';
/** The README's named freshman (信息工程学院, first class). */
export const DEMO_FRESHMAN = `${FRESHMAN_YEAR}010101`;
