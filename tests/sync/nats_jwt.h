#pragma once
// Hand-made NATS JWTs for tests (decentralised auth, operator -> account -> user), so the console's JWT login is
// tried against a real server in operator mode without the nsc tool: header {"typ":"JWT","alg":"ed25519-nkey"},
// claims signed by the issuer's nkey, all base64url without padding.

#include "sync/nkey.h"

#include <QByteArray>
#include <QDateTime>
#include <QUuid>
#include <nlohmann/json.hpp>
#include <string>

inline std::string natsJwt(const nlohmann::json& natsClaims, const std::string& subject, const std::string& name,
                           payops::sync::NKeyKind issuerKind, const payops::sync::NKeyPair& issuer)
{
    const auto b64 = [](const std::string& s) {
        return QByteArray::fromStdString(s)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            .toStdString();
    };
    const nlohmann::json header = {{"typ", "JWT"}, {"alg", "ed25519-nkey"}};
    const nlohmann::json claims = {{"jti", QUuid::createUuid().toString(QUuid::Id128).toUpper().toStdString()},
                                   {"iat", QDateTime::currentSecsSinceEpoch()},
                                   {"iss", issuer.publicKey},
                                   {"name", name},
                                   {"sub", subject},
                                   {"nats", natsClaims}};
    const std::string signingInput = b64(header.dump()) + "." + b64(claims.dump());
    return signingInput + "." + payops::sync::nkeySignAs(issuerKind, issuer.seed, signingInput).value();
}

struct NatsJwtSetup {
    payops::sync::NKeyPair operatorKey = payops::sync::nkeyCreate(payops::sync::NKeyKind::Operator);
    payops::sync::NKeyPair accountKey = payops::sync::nkeyCreate(payops::sync::NKeyKind::Account);
    // JetStream needs a system account in operator mode.
    payops::sync::NKeyPair systemKey = payops::sync::nkeyCreate(payops::sync::NKeyKind::Account);
    std::string operatorJwt = natsJwt({{"type", "operator"}, {"version", 2}}, operatorKey.publicKey, "payops-test",
                                      payops::sync::NKeyKind::Operator, operatorKey);
    std::string accountJwt =
        natsJwt({{"limits",
                  {{"subs", -1},
                   {"data", -1},
                   {"payload", -1},
                   {"imports", -1},
                   {"exports", -1},
                   {"wildcards", true},
                   {"conn", -1},
                   {"leaf", -1}}},
                 {"default_permissions", {{"pub", nlohmann::json::object()}, {"sub", nlohmann::json::object()}}},
                 {"type", "account"},
                 {"version", 2}},
                accountKey.publicKey, "consoles", payops::sync::NKeyKind::Operator, operatorKey);
    std::string systemJwt = natsJwt({{"type", "account"}, {"version", 2}}, systemKey.publicKey, "SYS",
                                    payops::sync::NKeyKind::Operator, operatorKey);

    // A user of this account (or of another account's key: then the server knows no such account).
    std::string userJwt(const payops::sync::NKeyPair& user, const payops::sync::NKeyPair* signer = nullptr) const
    {
        return natsJwt({{"pub", nlohmann::json::object()},
                        {"sub", nlohmann::json::object()},
                        {"subs", -1},
                        {"data", -1},
                        {"payload", -1},
                        {"type", "user"},
                        {"version", 2}},
                       user.publicKey, "console-user", payops::sync::NKeyKind::Account, signer ? *signer : accountKey);
    }

    // Server configuration for operator mode with this account preloaded in a memory resolver.
    QString serverConfig() const
    {
        return QStringLiteral("operator: \"%1\"\nsystem_account: %4\nresolver: MEMORY\nresolver_preload: {\n"
                              "  %2: \"%3\"\n  %4: \"%5\"\n}\n")
            .arg(QString::fromStdString(operatorJwt), QString::fromStdString(accountKey.publicKey),
                 QString::fromStdString(accountJwt), QString::fromStdString(systemKey.publicKey),
                 QString::fromStdString(systemJwt));
    }
};
