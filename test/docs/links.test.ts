// Links in README.md and docs/*.md lead somewhere: relative links (docs only) and links into this
// repository on GitHub name files that exist, and headings that exist; the README, which npm
// shows without the repository around it, links absolutely. No document cites a Markdown file
// the repository does not have. The package carries its LICENSE.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)]
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  license?: string
  files?: string[]
  repository?: { url?: string } | string
  homepage?: string
  bugs?: { url?: string }
}

/** `owner/name` of the GitHub repository package.json names. */
function repositoryName(): string | undefined {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url
  return url?.match(/github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/)?.[1]
}
const repo = repositoryName()

/** The text outside fenced code blocks (where a link is a link). */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '')
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>()
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    slugs.add(heading!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'))
  }
  return slugs
}

/** The repository path an absolute link points into, or undefined for a link elsewhere. */
function repositoryPath(url: URL): string | undefined {
  if (!repo) return undefined
  const [owner, name] = repo.split('/') as [string, string]
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
  if (url.hostname === 'github.com' && parts[0] === owner && parts[1] === name) {
    if (parts.length === 2) return '.'
    if ((parts[2] === 'blob' || parts[2] === 'tree' || parts[2] === 'raw') && parts[3] === 'main') return parts.slice(4).join('/') || '.'
    return `(${url.pathname}: not a file of the main branch)`
  }
  if (url.hostname === 'raw.githubusercontent.com' && parts[0] === owner && parts[1] === name) {
    return parts[2] === 'main' ? parts.slice(3).join('/') : `(${url.pathname}: not the main branch)`
  }
  return undefined
}

describe('links', () => {
  it('package.json names the GitHub repository, its issues and home page', () => {
    expect(repo, 'package.json "repository"').toMatch(/^[\w.-]+\/[\w.-]+$/)
    expect(pkg.homepage).toBe(`https://github.com/${repo}#readme`)
    expect(pkg.bugs?.url).toBe(`https://github.com/${repo}/issues`)
  })

  for (const document of documents) {
    it(`${document}: every link target exists`, () => {
      const text = readFileSync(join(root, document), 'utf8')
      const broken: string[] = []
      for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        let file: string
        let anchor: string | undefined
        if (/^[a-z][a-z+.-]*:/i.test(target!)) {
          const url = new URL(target!)
          const path = repositoryPath(url)
          // The README's file links all go to this repository (one that moved would go unchecked).
          if (path === undefined && document === 'README.md' && /^(github\.com\/[^/]+\/[^/]+\/(blob|tree|raw)\/|raw\.githubusercontent\.com\/)/.test(`${url.hostname}${url.pathname}`)) {
            broken.push(`${target} (not ${repo}, the repository package.json names)`)
            continue
          }
          if (path === undefined) continue // another site
          if (path.startsWith('(')) {
            broken.push(`${target} ${path}`)
            continue
          }
          file = join(root, path)
          anchor = url.hash.slice(1) || undefined
        } else {
          if (document === 'README.md' && !target!.startsWith('#')) {
            broken.push(`${target} (relative: npm shows the README without the repository; link https://github.com/${repo}/blob/main/…)`)
            continue
          }
          const [path, hash] = target!.split('#') as [string, string | undefined]
          file = path === '' ? join(root, document) : join(root, dirname(document), path)
          anchor = hash
        }
        if (!existsSync(file)) {
          broken.push(`${target} (no such file: ${relative(root, file)})`)
          continue
        }
        if (anchor && file.endsWith('.md') && !headingSlugs(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${target} (no such heading)`)
      }
      expect(broken).toEqual([])
    })
  }

  it('no document cites a Markdown file the repository does not have', () => {
    const tracked = execFileSync('git', ['ls-files', '*.md', '**/*.md'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean)
    const known = new Set(tracked.map((f) => basename(f)))
    const missing = documents.flatMap((document) =>
      [...prose(readFileSync(join(root, document), 'utf8')).matchAll(/\b([\w-]+\.md)\b/g)].map((m) => m[1]!).filter((name) => !known.has(name)).map((name) => `${document}: ${name}`),
    )
    expect(missing).toEqual([])
  })
})

describe('LICENSE', () => {
  it('is the MIT licence package.json declares, and ships in the package', () => {
    const license = readFileSync(join(root, 'LICENSE'), 'utf8')
    expect(pkg.license).toBe('MIT')
    expect(license.split('\n')[0]).toBe('MIT License')
    expect(license).toContain('Copyright (c) 2026 isosdk contributors')
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND')
    expect(pkg.files).toContain('LICENSE')
  })
})
