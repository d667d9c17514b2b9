/** The calendar year in China (Asia/Shanghai) at `now`: this year's freshmen enrol in it. */
export function currentYearInShanghai(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}
