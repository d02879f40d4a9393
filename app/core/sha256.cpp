#include "core/sha256.h"

#include <openssl/evp.h>

namespace Berth {

void Sha256::Deleter::operator()(evp_md_ctx_st *ctx) const
{
    EVP_MD_CTX_free(ctx);
}

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    Q_CHECK_PTR(m_ctx.get());
    reset();
}

Sha256::~Sha256() = default;

void Sha256::addData(QByteArrayView data)
{
    // After result() the hash is finished: further data is ignored until reset().
    if (!m_result.isEmpty() || data.isEmpty())
        return;
    EVP_DigestUpdate(m_ctx.get(), data.data(), size_t(data.size()));
}

QByteArray Sha256::result()
{
    if (m_result.isEmpty()) {
        QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length);
        out.resize(qsizetype(length));
        m_result = out;
    }
    return m_result;
}

QString Sha256::digest()
{
    return QLatin1String("sha256:") + QString::fromLatin1(result().toHex());
}

void Sha256::reset()
{
    m_result.clear();
    EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
}

QString Sha256::digestOf(QByteArrayView data)
{
    Sha256 hash;
    hash.addData(data);
    return hash.digest();
}

} // namespace Berth
