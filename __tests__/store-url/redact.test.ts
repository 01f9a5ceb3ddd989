// What reaches a log or an error of an rfs run: passwords masked, workflow commands defused.
import { expect, test } from '@jest/globals'
import {
  quotedUnlessCredentials,
  defuseLine,
  displayCommand,
  redactUrl,
  redactor,
  secretsOf
} from '../../src/store-url/redact.js'

test('passwords are masked in URLs, store specs and free text; user names stay', () => {
  expect(redactUrl('00-7f=s3://AK:se%2Fcret@h:9000/b?region=r')).toBe(
    '00-7f=s3://AK:***@h:9000/b?region=r'
  )
  expect(redactUrl("failed to initialize store 's3s://AK:x@h:443/b' and zdb://:pw@h:9900/ns")).toBe(
    "failed to initialize store 's3s://AK:***@h:443/b' and zdb://:***@h:9900/ns"
  )
  expect(redactUrl('dir:///var/blobs')).toBe('dir:///var/blobs')
  expect(secretsOf(['s3://AK:p%40ss@h:1/b', 'dir:///x', 'zdb://:ns-pw@h:9900/ns'])).toEqual([
    'p%40ss',
    'p@ss',
    'ns-pw'
  ])
  expect(redactor(['p@ss', 'p%40ss'])('got p@ss and p%40ss')).toBe('got *** and ***')
  expect(displayCommand('/bin/rfs', ['pack', '-s', 's3://AK:pw@h:1/b', '/a dir'])).toBe(
    "/bin/rfs pack -s s3://AK:***@h:1/b '/a dir'"
  )
})

test('a password holding @ / ? # runs to the last @ of the word', () => {
  expect(redactUrl('s3://AK:p@ss/w?rd#1@h:9000/b and more')).toBe('s3://AK:***@h:9000/b and more')
})

test('the longest secret is masked first, so no part of it is left; an empty one masks nothing', () => {
  expect(redactor(['pass', 'passphrase', ''])('passphrase, pass')).toBe('***, ***')
})

test("a quote in an argument is kept inside the shell's quoting", () => {
  expect(displayCommand('/bin/rfs', ["it's"])).toBe("/bin/rfs 'it'\\''s'")
})

test("a child's workflow command is defused, and its add-mask line dropped", () => {
  expect(defuseLine('::error::boom')).toBe(': :error::boom')
  expect(defuseLine('  ::set-output name=x::y')).toBe('  : :set-output name=x::y')
  expect(defuseLine('::add-mask::hunter2')).toBeUndefined()
  expect(defuseLine('a :: b')).toBe('a :: b')
})

test('text that is no URL is quoted for a message, unless an @ in it may hide credentials', () => {
  expect(quotedUnlessCredentials('ftp//host/x')).toBe("'ftp//host/x'")
  expect(quotedUnlessCredentials('AK:SECRET@host/b')).toBeUndefined()
})
