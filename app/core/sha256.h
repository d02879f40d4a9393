#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

struct evp_md_ctx_st;

namespace Berth {

// Streaming SHA-256 on OpenSSL's EVP (several times faster than QCryptographicHash here).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data); // ignored once the hash is finished, until reset()
    QByteArray result(); // raw 32 bytes; finishes the hash (repeated calls give the same)
    QString digest();    // "sha256:<hex>"; finishes the hash
    void reset();        // starts a new hash

    static QString digestOf(QByteArrayView data);

private:
    struct Deleter
    {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, Deleter> m_ctx;
    QByteArray m_result;
};

} // namespace Berth
