/**
 * The JSON error body every server route answers with (RFC 6749, "Error Response"): an OAuth
 * error code, a description that says what is wrong and where, and — for a body that fails its
 * schema — the JSON pointer (RFC 6901) of the first problem. Never the offending value.
 */
export interface OAuthErrorBody {
  readonly error: string;
  readonly error_description: string;
  readonly pointer?: string;
}

export function oauthError(error: string, description: string, pointer?: string): OAuthErrorBody {
  return pointer === undefined ? { error, error_description: description } : { error, error_description: description, pointer };
}
