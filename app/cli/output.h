#pragma once

#include "core/attributes.h"
#include "core/registryerror.h"

#include <QJsonValue>

namespace Berth::Cli {

// All of berth-cli's printing: stdout for results, stderr for the one error line.
void printJson(const QJsonValue &value);
void printLine(const QString &line);
void printBytes(const QByteArray &bytes);
// "berth-cli: <CODE>: <message>" on stderr.
void printError(const RegistryError &error);
void printUsageError(const QString &message);

// Text renderings.
void printObject(const QJsonObject &object, int indent = 0);
void printTags(const QList<TagInfo> &tags);
void printManifests(const QList<ManifestInfo> &manifests);
QString lockSummary(const ChangeableAttributes &attributes); // e.g. "write:off delete:on"

// A progress line on a terminal, nothing when stderr is piped.
class ProgressLine
{
public:
    ProgressLine();
    void update(qint64 done, qint64 total);
    void finish();

private:
    bool m_enabled;
    bool m_shown = false;
    qint64 m_started;
    qint64 m_lastDrawn = 0;
};

} // namespace Berth::Cli
