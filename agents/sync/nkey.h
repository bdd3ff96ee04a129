#pragma once
// NATS nkeys (Ed25519 keys in NATS' base32 + CRC16 text form) for nkey and JWT authentication: the client
// proves it holds the seed by signing the server's nonce. OpenSSL does the Ed25519 arithmetic.

#include "core/result.h"

#include <string>
#include <string_view>

namespace payops::sync {

// The roles in NATS' decentralised auth: an operator signs accounts, an account signs its users' JWTs.
enum class NKeyKind { Operator, Account, User };

struct NKeyPair {
    std::string publicKey; // "U..." (user), "A..." (account), "O..." (operator)
    std::string seed;      // "SU...", "SA...", "SO..."
};

// Decodes a user seed ("SU...") and signs data; returns the signature in base64url without padding, as the
// server expects in CONNECT's "sig".
Result<std::string> nkeySign(std::string_view seed, std::string_view data);
// The same for a seed of the given kind: an account signing its users' JWTs, an operator its accounts'.
Result<std::string> nkeySignAs(NKeyKind kind, std::string_view seed, std::string_view data);
// The public key ("U...") of a user seed.
Result<std::string> nkeyPublicKey(std::string_view seed);
// A new key pair from 32 random bytes (tests and "generate credentials" in settings).
NKeyPair nkeyCreate(NKeyKind kind);
inline NKeyPair nkeyCreateUser()
{
    return nkeyCreate(NKeyKind::User);
}

} // namespace payops::sync
