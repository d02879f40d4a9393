// libFuzzer harness: parseNextLink on arbitrary Link header values.

#include "core/linkheader.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QUrl base(QStringLiteral("https://r.azurecr.io/acr/v1/_catalog?n=100"));
    const QByteArray header
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QUrl next = Berth::parseNextLink(header, base);
    FUZZ_CHECK(next.isEmpty() || next.isValid());
    const QUrl relative = Berth::parseNextLink(header, QUrl());
    FUZZ_CHECK(relative.isEmpty() || relative.isValid());
    return 0;
}
