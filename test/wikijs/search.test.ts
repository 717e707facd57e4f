import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/index.js'
import { searchPages } from '../../src/wikijs/index.js'
import { useWikiFake } from './setup.js'

const t = useWikiFake()

describe('searchPages', () => {
  it('finds published pages whose title, description or path contain the query', async () => {
    const expected = [...t.fake.state.pages.values()].filter(
      (p) => p.isPublished && (p.title.toLowerCase().includes('faq') || p.description.includes('faq') || p.path.includes('faq')),
    )
    const { results, suggestions, totalHits } = await searchPages(t.wiki, 'FAQ')
    expect(results.map((r) => r.id)).toEqual(expected.map((p) => String(p.id)))
    expect(results[0]).toEqual({ id: String(expected[0]!.id), title: expected[0]!.title, description: expected[0]!.description, path: expected[0]!.path, locale: expected[0]!.locale })
    expect(totalHits).toBe(expected.length)
    expect(suggestions).toEqual([])
  })

  it('leaves unpublished pages out', async () => {
    const hidden = t.fake.state.pages.get(23)!
    expect(hidden.isPublished).toBe(false)
    const { results } = await searchPages(t.wiki, hidden.title)
    expect(results.map((r) => r.id)).not.toContain('23')
  })

  it('narrows by locale and path prefix', async () => {
    const { results } = await searchPages(t.wiki, 'guide', { locale: 'de', path: 'guides/' })
    expect(results.length).toBeGreaterThan(0)
    for (const hit of results) {
      expect(hit.locale).toBe('de')
      expect(hit.path.startsWith('guides/')).toBe(true)
    }
  })

  // Issue 18 item 6: `limit` used to be ignored without a word; Wiki.js's search has no limit argument.
  it('limit keeps the first results (totalHits stays the engine count); a bad limit is a ValidationError, nothing sent', async () => {
    const all = await searchPages(t.wiki, 'guide')
    expect(all.results.length).toBeGreaterThan(2)
    const top2 = await searchPages(t.wiki, 'guide', { limit: 2 })
    expect(top2.results).toEqual(all.results.slice(0, 2))
    expect(top2.totalHits).toBe(all.totalHits)
    const before = t.fake.stats.requests
    await expect(searchPages(t.wiki, 'guide', { limit: 0 })).rejects.toThrow(ValidationError)
    await expect(searchPages(t.wiki, 'guide', { limit: 1.5 })).rejects.toThrow(/limit/)
    await expect(searchPages(t.wiki, 'guide', { offset: 2 } as never)).rejects.toThrow(new TypeError('searchPages: unknown option `offset`'))
    expect(t.fake.stats.requests).toBe(before)
  })

  it('answers nothing found with empty results', async () => {
    await expect(searchPages(t.wiki, 'zzz-nothing-matches')).resolves.toEqual({ results: [], suggestions: [], totalHits: 0 })
  })

  it.each([
    ['', {}, 'query'],
    [' ', {}, 'query'],
    ['api', { locale: '' }, 'locale'],
    ['api', { path: 3 as unknown as string }, 'path'],
  ])('refuses %j %j with ValidationError naming %s, sending nothing', async (query, options, field) => {
    const error = await searchPages(t.wiki, query, options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toBe(field)
    expect(t.fake.stats.requests).toBe(0)
  })
})
