// libFuzzer harness: parseErrorBody on arbitrary bodies as JSON, HTML and text answers.

#include "core/errorbody.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

namespace {

void check(int status, const QByteArray &body, const QByteArray &contentType)
{
    const Berth::RegistryError e = Berth::parseErrorBody(status, body, contentType);
    FUZZ_CHECK(e.httpStatus == status);
    FUZZ_CHECK(!e.code.isEmpty());
    FUZZ_CHECK(!e.message.isEmpty());
    FUZZ_CHECK(e.message.size() <= 300);
    FUZZ_CHECK(!e.message.contains(QLatin1Char('\n')));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    check(404, body, "application/json");
    check(502, body, "text/html; charset=utf-8");
    check(0, body, QByteArray());
    return 0;
}
