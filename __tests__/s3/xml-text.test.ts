import { expect, test } from '@jest/globals'
import { decodeXmlText } from '../../src/s3/xml-text.js'

test('named and numeric references are decoded', () => {
  expect(decodeXmlText('a &lt;b&gt; &amp; &quot;&apos; &#233;&#x4E2D;&#128512;')).toBe(
    `a <b> & "' é中😀`
  )
  expect(decodeXmlText('plain')).toBe('plain')
})

test('a reference that is no XML one makes the text unreadable, not garbage', () => {
  for (const text of [
    'a&constructor;b',
    '&__proto__;',
    '&toString;',
    '&amp',
    '&#x110000;',
    '&nbsp;'
  ])
    expect(decodeXmlText(text)).toBeUndefined()
})
