#pragma once

// Content for the emulator: a small coherent demo registry (real image configs, real
// gzip'd tar layers with correct digests, diff_ids and sizes) and bulk content for paging
// tests and benchmarks.

#include "emulator/emulatorstore.h"

namespace Berth::Emu {

void seedDemo(Store &store);
void seedBulk(Store &store, int repositories, const QString &repoWithManyTags, int tags);

// Building blocks, exposed for tests.
QByteArray tarArchive(const QList<QPair<QString, QByteArray>> &files, qint64 mtime);
QByteArray gzip(const QByteArray &data);
quint32 crc32(const QByteArray &data);

} // namespace Berth::Emu
