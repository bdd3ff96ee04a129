#pragma once
// NATS nkeys (Ed25519 keys in NATS' base32 + CRC16 text form) for nkey and JWT authentication: the client
// proves it holds the seed by signing the server's nonce. OpenSSL does the Ed25519 arithmetic.

#include "core/result.h"

#include <string>
#include <string_view>

namespace payops::sync {

struct NKeyPair {
    std::string publicKey; // "U..." (user)
    std::string seed;      // "SU..."
};

// Decodes a user seed ("SU...") and signs data; returns the signature in base64url without padding, as the
// server expects in CONNECT's "sig".
Result<std::string> nkeySign(std::string_view seed, std::string_view data);
// The public key ("U...") of a user seed.
Result<std::string> nkeyPublicKey(std::string_view seed);
// A new user key pair from 32 random bytes (tests and "generate credentials" in settings).
NKeyPair nkeyCreateUser();

} // namespace payops::sync
