// The wire between the MAIN-world bridge (page side) and the isolated content script, declared
// once as schemas (types derived). Both sides parse what they receive.
//
// Transport: a MessageChannel whose second port the content script hands to the bridge at
// document_start, before any page script exists, in a synthetic MessageEvent (both orders of
// start-up are handled: whoever comes second completes the handover synchronously). Afterwards
// everything goes through the port: a page script never holds either end, so it can neither
// hear nor forge a message on this wire, and later handover attempts are ignored.
//
// Trust: the bridge lives in the page's JavaScript world, whose objects a page script can
// replace. What it reports (send attempts, attachment events) is a claim about the page, never a
// decision, and nothing of a release passes through it: the content script submits the checked
// message itself and the background checks what actually leaves.
import * as z from 'zod/mini';

/** Bridge → content script, once at start (CustomEvent on window): "I am here, hand me the port". */
export const EV_BRIDGE_READY = 'reportguard:bridge-ready';
/** Content script → bridge, once (MessageEvent on window, `ports[0]`): the private channel. */
export const EV_BRIDGE_PORT = 'reportguard:bridge-port';
/** DOM marker the bridge sets when it ran before the content script (the port is then handed over at once). */
export const BRIDGE_MARKER_ATTR = 'data-reportguard-bridge';

const id = z.string().check(z.minLength(1), z.maxLength(200));
const text = z.string().check(z.maxLength(1000));

// ---------------------------------------------------------------- bridge → content script

export const bridgeEventSchema = z.discriminatedUnion('kind', [
  /** rcmail was found and hooked. */
  z.object({ kind: z.literal('hooked'), composeId: z.string().check(z.maxLength(200)), action: text }),
  /** The webmail wanted to send (its own checks passed); stopped: the content script runs the check. Roundcube: submit_messageform / form.submit; SOGo: Message.prototype.$send. */
  z.object({ kind: z.literal('send-attempt'), via: z.enum(['submit_messageform', 'form.submit', '$send']) }),
  /** SOGo: the draft of the open editor (its id and path, as SOGo's page holds them), when it opens or changes, and the one a send attempt is for. */
  z.object({ kind: z.literal('compose'), composeKey: id, url: text }),
  /** SOGo: no editor is open any more (or its message has no draft). */
  z.object({ kind: z.literal('compose-closed') }),
  /** Roundcube wanted to save a draft; stopped: the content script saves it (a draft delivers nothing). */
  z.object({ kind: z.literal('draft-request'), via: z.enum(['submit_messageform', 'form.submit']) }),
  /** An attachment appeared or finished uploading (rcmail events). */
  z.object({
    kind: z.literal('file'),
    event: z.enum(['fileappended', 'fileuploaded']),
    name: text,
    uploadId: z.nullable(text),
  }),
  z.object({ kind: z.literal('upload-result'), reqId: id, ok: z.boolean(), id: z.optional(id), error: z.optional(text) }),
  z.object({ kind: z.literal('remove-result'), reqId: id, ok: z.boolean(), error: z.optional(text) }),
  /** The HTML editor's content was moved into the form (rcmail.editor.save()). */
  z.object({ kind: z.literal('editor-synced'), reqId: id, ok: z.boolean() }),
]);
export type BridgeEvent = z.infer<typeof bridgeEventSchema>;

// ---------------------------------------------------------------- content script → bridge

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes');

export const bridgeCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), reqId: id, name: id, mime: text, bytes }),
  z.object({ kind: z.literal('remove'), reqId: id, id }),
  z.object({ kind: z.literal('sync-editor'), reqId: id }),
  /** SOGo: how the send that is waiting ends for SOGo's page (its "Sent", its own error state, or dropped). */
  z.object({ kind: z.literal('settle'), outcome: z.enum(['sent', 'refused', 'cancel']), message: z.optional(text) }),
]);
export type BridgeCommand = z.infer<typeof bridgeCommandSchema>;

export function parseBridgeEvent(data: unknown): BridgeEvent | null {
  const r = bridgeEventSchema.safeParse(data);
  return r.success ? r.data : null;
}

export function parseBridgeCommand(data: unknown): BridgeCommand | null {
  const r = bridgeCommandSchema.safeParse(data);
  return r.success ? r.data : null;
}

export function randomHex(byteCount: number): string {
  const b = new Uint8Array(byteCount);
  crypto.getRandomValues(b);
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
