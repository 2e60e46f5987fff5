/** The README's table of servers, rendered from the matrix profiles (the matrix test checks the README holds it). */
import { matrixProfiles } from './serverMatrix';

export function serverTable(): string {
  const rows = matrixProfiles.map((make) => make().readme).map((r) => `| ${r.server} | \`${r.baseUrl.replace(/ \(.*$/, '')}\`${/ \(.*$/.exec(r.baseUrl)?.[0] ?? ''} | ${r.model} | ${r.caveats} |`);
  return ['| Server | Base URL | Model name | Notes (tool support, reasoning) |', '|---|---|---|---|', ...rows].join('\n');
}
