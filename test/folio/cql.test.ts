import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/index.js'
import { cql, cqlQuote, cqlRaw } from '../../src/folio/index.js'
import { keysetQuery, splitSortBy } from '../../src/folio/_keyset.js'
import { compileCql, parseCql } from '../../src/testing/folio/cql.js'

describe('cql tagged template', () => {
  it('quotes every value and escapes " \\ * ? ^', () => {
    expect(cql`username==${'jdoe'}`).toBe('username=="jdoe"')
    expect(cql`username==${'a"b'}`).toBe('username=="a\\"b"')
    expect(cql`x==${'back\\slash'}`).toBe('x=="back\\\\slash"')
    expect(cql`x==${'*?^'}`).toBe('x=="\\*\\?\\^"')
    expect(cql`active==${true} and n==${42}`).toBe('active=="true" and n=="42"')
  })

  it('hostile input cannot leave its quotes: parsed back, it is one clause with the literal value', () => {
    const hostile = [
      'x" or username=="diku_admin',
      'x\\" or cql.allRecords=1 or a="',
      '") or (id=*',
      '\\',
      '"',
      '* sortBy id',
      'a^b?c*d"e\\f',
    ]
    for (const value of hostile) {
      const parsed = parseCql(cql`username==${value}`)
      expect(parsed.sort).toEqual([])
      expect(parsed.where).toMatchObject({ kind: 'clause', index: 'username', relation: '==' })
      const matches = compileCql(parsed.where)
      expect(matches({ username: value })).toBe(true)
      expect(matches({ username: 'diku_admin' })).toBe(false)
      expect(matches({ username: `${value}x` })).toBe(false)
    }
  })

  it('lists become "a" or "b"; cqlRaw is inserted as is', () => {
    expect(cql`id==(${['a', 'b"']})`).toBe('id==("a" or "b\\"")')
    expect(cql`active==${true} ${cqlRaw('sortBy personal.lastName/sort.descending')}`).toBe('active=="true" sortBy personal.lastName/sort.descending')
    expect(cqlQuote('plain')).toBe('"plain"')
  })

  it('undefined, null, objects, NaN and empty lists are ValidationErrors naming the placeholder', () => {
    const bad: unknown[] = [undefined, null, {}, Number.NaN, [], [{}]]
    for (const value of bad) {
      let error: unknown
      try {
        cql`a==${'ok'} and b==${value as string}`
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).issues[0]!.path).toBe('values[1]')
    }
  })
})

describe('query planning helpers', () => {
  it('splitSortBy ignores "sortBy" inside quoted terms', () => {
    expect(splitSortBy('title=="a sortBy b" sortBy id')).toEqual({ where: 'title=="a sortBy b"', sortKeys: ['id'] })
    expect(splitSortBy('sortBy id/sort.ascending name')).toEqual({ where: '', sortKeys: ['id/sort.ascending', 'name'] })
    expect(splitSortBy('active==true')).toEqual({ where: 'active==true', sortKeys: [] })
  })

  it('keysetQuery quotes the last id and parenthesises the clause', () => {
    expect(keysetQuery('cql.allRecords=1', undefined)).toBe('cql.allRecords=1 sortBy id')
    expect(keysetQuery('cql.allRecords=1', 'abc')).toBe('id>"abc" and cql.allRecords=1 sortBy id')
    expect(keysetQuery('a==1 or b==2', 'x"y')).toBe('id>"x\\"y" and (a==1 or b==2) sortBy id')
  })
})
