#include "nkey.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <array>
#include <cstdint>
#include <memory>
#include <openssl/evp.h>
#include <vector>

namespace payops::sync {

namespace {

constexpr std::uint8_t kPrefixSeed = 18 << 3;     // 'S'
constexpr std::uint8_t kPrefixUser = 20 << 3;     // 'U'
constexpr std::uint8_t kPrefixAccount = 0;        // 'A'
constexpr std::uint8_t kPrefixOperator = 14 << 3; // 'O'

std::uint8_t prefixOf(NKeyKind kind)
{
    switch (kind) {
    case NKeyKind::Operator:
        return kPrefixOperator;
    case NKeyKind::Account:
        return kPrefixAccount;
    case NKeyKind::User:
        return kPrefixUser;
    }
    return kPrefixUser;
}

const char* seedStart(NKeyKind kind)
{
    return kind == NKeyKind::Operator ? "SO" : kind == NKeyKind::Account ? "SA" : "SU";
}
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::uint16_t crc16(const std::uint8_t* data, std::size_t n)
{
    std::uint16_t crc = 0; // CRC-16/XMODEM, as nkeys uses
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= static_cast<std::uint16_t>(data[i]) << 8;
        for (int b = 0; b < 8; ++b)
            crc =
                (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021) : static_cast<std::uint16_t>(crc << 1);
    }
    return crc;
}

std::string base32Encode(const std::vector<std::uint8_t>& in)
{
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const std::uint8_t byte : in) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

Result<std::vector<std::uint8_t>> base32Decode(std::string_view in)
{
    std::vector<std::uint8_t> out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : in) {
        const auto pos = kAlphabet.find(c);
        if (pos == std::string_view::npos)
            return Error{"nkey: invalid character '" + std::string(1, c) + "'"};
        buffer = (buffer << 5) | static_cast<std::uint32_t>(pos);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

std::vector<std::uint8_t> withCrc(std::vector<std::uint8_t> raw)
{
    const std::uint16_t crc = crc16(raw.data(), raw.size());
    raw.push_back(static_cast<std::uint8_t>(crc & 0xff));
    raw.push_back(static_cast<std::uint8_t>(crc >> 8));
    return raw;
}

// The 32 raw Ed25519 seed bytes of a seed of the given kind.
Result<std::array<std::uint8_t, 32>> decodeSeed(std::string_view seed, NKeyKind kind)
{
    auto raw = base32Decode(seed);
    if (!raw)
        return raw.failure();
    if (raw->size() != 36)
        return Error{"nkey: a seed decodes to 36 bytes, this one to " + std::to_string(raw->size())};
    const std::uint16_t crc = crc16(raw->data(), 34);
    if ((*raw)[34] != (crc & 0xff) || (*raw)[35] != (crc >> 8))
        return Error{"nkey: seed checksum does not match (mistyped?)"};
    if (((*raw)[0] & 0xf8) != kPrefixSeed)
        return Error{"nkey: not a seed (seeds start with 'S')"};
    const std::uint8_t type = static_cast<std::uint8_t>((((*raw)[0] & 7) << 5) | (((*raw)[1] & 0xf8) >> 3));
    if (type != prefixOf(kind))
        return Error{std::string("nkey: not a ") +
                     (kind == NKeyKind::User      ? "user"
                      : kind == NKeyKind::Account ? "account"
                                                  : "operator") +
                     " seed (those start with '" + seedStart(kind) + "')"};
    std::array<std::uint8_t, 32> out{};
    std::copy(raw->begin() + 2, raw->begin() + 34, out.begin());
    return out;
}

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Result<PKey> keyFromSeed(std::string_view seed, NKeyKind kind = NKeyKind::User)
{
    auto raw = decodeSeed(seed, kind);
    if (!raw)
        return raw.failure();
    PKey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, raw->data(), raw->size()), &EVP_PKEY_free);
    if (!key)
        return Error{"nkey: OpenSSL refused the Ed25519 seed"};
    return key;
}

std::string encodePublic(EVP_PKEY* key, NKeyKind kind = NKeyKind::User)
{
    std::vector<std::uint8_t> raw(33);
    raw[0] = prefixOf(kind);
    std::size_t len = 32;
    EVP_PKEY_get_raw_public_key(key, raw.data() + 1, &len);
    return base32Encode(withCrc(std::move(raw)));
}

} // namespace

Result<std::string> nkeyPublicKey(std::string_view seed)
{
    auto key = keyFromSeed(seed);
    if (!key)
        return key.failure();
    return encodePublic(key->get());
}

Result<std::string> nkeySign(std::string_view seed, std::string_view data)
{
    return nkeySignAs(NKeyKind::User, seed, data);
}

Result<std::string> nkeySignAs(NKeyKind kind, std::string_view seed, std::string_view data)
{
    auto key = keyFromSeed(seed, kind);
    if (!key)
        return key.failure();
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    std::array<unsigned char, 64> sig{};
    std::size_t sigLen = sig.size();
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) != 1 ||
        EVP_DigestSign(ctx.get(), sig.data(), &sigLen, reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) != 1)
        return Error{"nkey: Ed25519 signing failed"};
    const QByteArray encoded = QByteArray(reinterpret_cast<const char*>(sig.data()), static_cast<qsizetype>(sigLen))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return encoded.toStdString();
}

NKeyPair nkeyCreate(NKeyKind kind)
{
    const std::uint8_t prefix = prefixOf(kind);
    std::vector<std::uint8_t> raw(34);
    raw[0] = static_cast<std::uint8_t>(kPrefixSeed | (prefix >> 5));
    raw[1] = static_cast<std::uint8_t>((prefix & 31) << 3);
    for (std::size_t i = 2; i < raw.size(); ++i)
        raw[i] = static_cast<std::uint8_t>(QRandomGenerator::system()->bounded(256));
    NKeyPair pair;
    pair.seed = base32Encode(withCrc(std::move(raw)));
    auto key = keyFromSeed(pair.seed, kind);
    pair.publicKey = encodePublic(key.value().get(), kind);
    return pair;
}

} // namespace payops::sync
