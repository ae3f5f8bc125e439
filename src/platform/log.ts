/**
 * Structured logs carry request ids and never personal data. Request bodies are not logged;
 * these paths are redacted in case a log call passes them anyway.
 */
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.phone',
  '*.email',
  '*.fullName',
  '*.token',
];
