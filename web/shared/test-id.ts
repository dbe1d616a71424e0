/**
 * `data-testid` for component props whose TypeScript types do not declare data-* attributes
 * (e.g. ProForm `fieldProps`). Spread it: `fieldProps={{ ...testId('x') }}`.
 */
export function testId(id: string): object {
  return { 'data-testid': id };
}
