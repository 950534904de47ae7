import type { NormalizedSchema } from '@smithy/core/schema';
import type { ReplayResponse } from './http-types.js';
import type { OperationInfo } from './sdk-schemas.js';
import { formatTimestamp, isPlainObject, timestampFormat, timestampMillis } from './timestamps.js';

/**
 * An S3 (restXml) output written from the operation's output schema: members bound to headers go to
 * headers, the payload member to the body, the rest to an XML document named by the output's
 * `xmlName`, honouring `xmlFlattened`, `xmlName`, `xmlAttribute` and `xmlNamespace` as the SDK's
 * XML deserializer reads them. Data handlers and calls.json outputs share it.
 */
const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const DATE_TIME = 5;
const HTTP_DATE = 6;

export function restXmlResponse(
  op: OperationInfo,
  output: Record<string, unknown>,
  status = (op.traits.http as [string, string, number] | undefined)?.[2] ?? 200,
): ReplayResponse {
  const headers: Record<string, string> = {};
  let body: Buffer | string | undefined;
  let hasDocumentMembers = false;
  const documentValues: Record<string, unknown> = {};
  for (const [name, member] of op.output.structIterator()) {
    const traits = member.getMergedTraits();
    const value = output[name];
    const bound = traits.httpHeader || traits.httpPrefixHeaders !== undefined || traits.httpResponseCode;
    if (!bound && !traits.httpPayload) hasDocumentMembers = true;
    if (value === undefined || value === null) continue;
    if (typeof traits.httpHeader === 'string')
      headers[traits.httpHeader.toLowerCase()] = headerText(member, value);
    else if (typeof traits.httpPrefixHeaders === 'string')
      addPrefixHeaders(headers, traits.httpPrefixHeaders, value);
    else if (traits.httpResponseCode) status = Number(value);
    else if (traits.httpPayload) body = payload(member, value);
    else documentValues[name] = value;
  }
  if (body === undefined && hasDocumentMembers) {
    body = xmlDocument(op.output, documentValues);
    headers['content-type'] ??= 'application/xml';
  }
  return { status, headers, ...(body !== undefined ? { body } : {}) };
}

function headerText(member: NormalizedSchema, value: unknown): string {
  if (member.isTimestampSchema()) {
    const ms = timestampMillis(value);
    if (ms !== undefined) return String(formatTimestamp(ms, timestampFormat(member, HTTP_DATE)));
  }
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

function addPrefixHeaders(headers: Record<string, string>, prefix: string, value: unknown): void {
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) headers[`${prefix}${key}`.toLowerCase()] = String(item);
}

function payload(member: NormalizedSchema, value: unknown): Buffer | string {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (member.isStructSchema() && isPlainObject(value)) return xmlDocument(member, value);
  return String(value);
}

/** `<?xml?>` and the root element, with S3's namespace unless the schema names its own. */
export function xmlDocument(schema: NormalizedSchema, value: Record<string, unknown>): string {
  const traits = schema.getMergedTraits();
  const rootName = typeof traits.xmlName === 'string' ? traits.xmlName : (schema.getName() ?? 'Result');
  const namespace = traits.xmlNamespace ? '' : ` xmlns="${S3_NAMESPACE}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${structElement(rootName, schema, value, namespace)}`;
}

function structElement(
  name: string,
  schema: NormalizedSchema,
  value: Record<string, unknown>,
  extra = '',
): string {
  let attributes = extra + namespaceAttribute(schema);
  let children = '';
  for (const [memberName, member] of schema.structIterator()) {
    const item = value[memberName];
    if (item === undefined || item === null) continue;
    const traits = member.getMergedTraits();
    const tag = typeof traits.xmlName === 'string' ? traits.xmlName : memberName;
    if (traits.xmlAttribute) attributes += ` ${tag}="${escapeXml(scalarText(member, item))}"`;
    else children += memberElements(tag, member, item);
  }
  return `<${name}${attributes}>${children}</${name}>`;
}

function namespaceAttribute(schema: NormalizedSchema): string {
  const namespace = schema.getMergedTraits().xmlNamespace as [string, string] | undefined;
  if (!Array.isArray(namespace)) return '';
  const [prefix, uri] = namespace;
  return prefix ? ` xmlns:${prefix}="${escapeXml(uri)}"` : ` xmlns="${escapeXml(uri)}"`;
}

/** A member's element(s): a flattened list or map repeats the member's own tag. */
function memberElements(tag: string, member: NormalizedSchema, value: unknown): string {
  const flattened = Boolean(member.getMergedTraits().xmlFlattened);
  if (member.isListSchema() && Array.isArray(value)) {
    const itemSchema = member.getValueSchema();
    if (flattened) return value.map((item) => element(tag, itemSchema, item)).join('');
    const itemTag = xmlName(itemSchema, 'member');
    return `<${tag}>${value.map((item) => element(itemTag, itemSchema, item)).join('')}</${tag}>`;
  }
  if (member.isMapSchema() && isPlainObject(value)) {
    const keyTag = xmlName(member.getKeySchema(), 'key');
    const valueSchema = member.getValueSchema();
    const valueTag = xmlName(valueSchema, 'value');
    const entries = Object.entries(value).map(
      ([key, item]) => `<${keyTag}>${escapeXml(key)}</${keyTag}>${element(valueTag, valueSchema, item)}`,
    );
    if (flattened) return entries.map((entry) => `<${tag}>${entry}</${tag}>`).join('');
    return `<${tag}>${entries.map((entry) => `<entry>${entry}</entry>`).join('')}</${tag}>`;
  }
  return element(tag, member, value);
}

function element(tag: string, schema: NormalizedSchema, value: unknown): string {
  if (schema.isStructSchema() && isPlainObject(value)) return structElement(tag, schema, value);
  if ((schema.isListSchema() || schema.isMapSchema()) && typeof value === 'object') {
    return memberElements(tag, schema, value);
  }
  return `<${tag}>${escapeXml(scalarText(schema, value))}</${tag}>`;
}

function xmlName(schema: NormalizedSchema, fallback: string): string {
  const name = schema.getMergedTraits().xmlName;
  return typeof name === 'string' ? name : fallback;
}

function scalarText(schema: NormalizedSchema, value: unknown): string {
  if (schema.isTimestampSchema()) {
    const ms = timestampMillis(value);
    if (ms !== undefined) return String(formatTimestamp(ms, timestampFormat(schema, DATE_TIME)));
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (char) => `&#${char.charCodeAt(0)};`);
}
