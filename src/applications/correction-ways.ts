/**
 * How a 补正 may be sent, from the agency's facts: online on this platform always; by post when the agency's address
 * and postcode are known; in person when its address and office hours are known. A channel whose facts are missing
 * is left out rather than printed half-empty.
 */
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';

const W = t.notifications.correctionWays;

const filled = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** One sentence per channel the agency accepts, online first. */
export function correctionWays(agency: Pick<Agency, 'address' | 'postcode' | 'officeHours'>): string[] {
  const address = filled(agency.address);
  const postcode = filled(agency.postcode);
  const hours = filled(agency.officeHours);
  const ways: string[] = [W.online];
  if (address && postcode) ways.push(W.post(address, postcode));
  if (address && hours) ways.push(W.inPerson(address, hours));
  // The last sentence of a list ends with 。, the others with ；(the texts end with ；, except in person).
  const last = ways.length - 1;
  ways[last] = (ways[last] as string).replace(/[；。]$/, '。');
  return ways;
}
