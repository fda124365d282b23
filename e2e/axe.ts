import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice']

/** axe with the WCAG 2.2 AA and best-practice rules, plus the experimental table rules. */
export async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({
      rules: { 'td-has-header': { enabled: true }, 'table-fake-caption': { enabled: true } },
    })
    .analyze()
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(violations).toEqual([])
}
