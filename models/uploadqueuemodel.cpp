#include "models/uploadqueuemodel.h"

#include "models/format.h"
#include "models/jobtransfer.h"
#include "upload/uploadworker.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace Berth {

namespace {
constexpr int OverallIntervalMs = 100;

int perMille(const UploadStatus &status)
{
    if (status.state == UploadState::Done)
        return 1000;
    if (status.total < 0)
        return -1;
    if (status.total == 0)
        return 0;
    return int(std::clamp<qint64>(status.sent * 1000 / status.total, 0, 1000));
}

QString targetOf(const UploadRequest &request)
{
    return request.tag.isEmpty() ? request.repository : request.repository + u':' + request.tag;
}
} // namespace

UploadQueueModel::UploadQueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_overallTimer.setSingleShot(true);
    m_overallTimer.setInterval(OverallIntervalMs);
    connect(&m_overallTimer, &QTimer::timeout, this, &UploadQueueModel::overallChanged);
}

UploadQueueModel::~UploadQueueModel() = default;

void UploadQueueModel::attach(UploadWorker *worker)
{
    if (m_serialOf.contains(worker))
        return;
    // The worker is alive while it emits; its rows keep its serial after it is gone, and a
    // worker allocated later at the same address gets a serial of its own.
    const quint64 serial = m_nextSerial++;
    m_serialOf.insert(worker, serial);
    connect(worker, &UploadWorker::added, this,
            [this, worker, serial](int id, const UploadRequest &request) {
                add(worker, serial, id, request);
            });
    connect(worker, &UploadWorker::statusChanged, this,
            [this, worker, serial](const UploadStatus &status) { update(worker, serial, status); });
    connect(worker, &QObject::destroyed, this,
            [this, worker, serial] { sourceDestroyed(worker, serial); });
}

void UploadQueueModel::attach(JobTransfer *transfer)
{
    if (m_serialOf.contains(transfer))
        return;
    const quint64 serial = m_nextSerial++;
    m_serialOf.insert(transfer, serial);
    Row row;
    row.serial = serial;
    row.status = transfer->status();
    row.transfer = transfer;
    row.kind = transfer->kind() == JobTransfer::Kind::Download ? TransferKind::Download
                                                               : TransferKind::Copy;
    row.name = transfer->name();
    row.target = transfer->target();
    appendRow(row);
    connect(transfer, &JobTransfer::statusChanged, this,
            [this, serial](const UploadStatus &status) { update(nullptr, serial, status); });
    connect(transfer, &QObject::destroyed, this,
            [this, transfer, serial] { sourceDestroyed(transfer, serial); });
}

void UploadQueueModel::add(UploadWorker *worker,
                           quint64 serial,
                           int id,
                           const UploadRequest &request)
{
    if (m_rowOf.contains({serial, id}))
        return;
    Row row;
    row.worker = worker;
    row.serial = serial;
    row.request = request;
    row.status.id = id;
    appendRow(row);
}

void UploadQueueModel::appendRow(Row row)
{
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rowOf.insert({row.serial, row.status.id}, at);
    m_rows.append(std::move(row));
    endInsertRows();
    scheduleOverall();
}

void UploadQueueModel::update(UploadWorker *worker, quint64 serial, const UploadStatus &status)
{
    int row = m_rowOf.value({serial, status.id}, -1);
    if (row < 0 && !worker)
        return;
    if (row < 0) { // an entry added before this model was attached
        add(worker, serial, status.id, worker->request(status.id));
        row = m_rowOf.value({serial, status.id}, -1);
    }
    m_rows[row].status = status;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    scheduleOverall();
}

void UploadQueueModel::sourceDestroyed(const QObject *source, quint64 serial)
{
    m_serialOf.remove(source); // its address is free for another worker now
    for (int row = 0; row < m_rows.size(); ++row) {
        UploadStatus &status = m_rows[row].status;
        if (m_rows.at(row).serial != serial || isFinal(status.state))
            continue;
        status.state = UploadState::Cancelled;
        status.bytesPerSecond = 0;
        status.message = m_rows.at(row).kind == TransferKind::Upload
                             ? tr("Cancelled: the connection to the registry was closed.")
                             : tr("Cancelled");
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    scheduleOverall();
}

UploadWorker *UploadQueueModel::worker(int row) const
{
    return m_rows.at(row).worker;
}

JobTransfer *UploadQueueModel::transfer(int row) const
{
    return m_rows.at(row).transfer;
}

UploadQueueModel::TransferKind UploadQueueModel::kind(int row) const
{
    return m_rows.at(row).kind;
}

int UploadQueueModel::rowOf(const UploadWorker *worker, int id) const
{
    const quint64 serial = m_serialOf.value(worker, 0);
    return serial == 0 ? -1 : m_rowOf.value({serial, id}, -1);
}

void UploadQueueModel::rebuildIndex()
{
    m_rowOf.clear();
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowOf.insert({m_rows.at(row).serial, m_rows.at(row).status.id}, row);
}

void UploadQueueModel::removeFinished()
{
    // From the bottom, one contiguous range of finished rows at a time.
    int last = int(m_rows.size()) - 1;
    while (last >= 0) {
        if (!isFinal(m_rows.at(last).status.state)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && isFinal(m_rows.at(first - 1).status.state))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        rebuildIndex();
        endRemoveRows();
        last = first - 1;
    }
    scheduleOverall();
}

void UploadQueueModel::scheduleOverall()
{
    if (!m_overallTimer.isActive())
        m_overallTimer.start();
}

qint64 UploadQueueModel::totalBytes() const
{
    qint64 total = 0;
    for (const Row &row : m_rows) {
        if (!isFinal(row.status.state))
            total += qMax<qint64>(row.status.total, 0);
    }
    return total;
}

qint64 UploadQueueModel::sentBytes() const
{
    qint64 sent = 0;
    for (const Row &row : m_rows) {
        if (!isFinal(row.status.state))
            sent += row.status.total >= 0 ? qMin(row.status.sent, row.status.total) : 0;
    }
    return sent;
}

double UploadQueueModel::bytesPerSecond() const
{
    double rate = 0;
    for (const Row &row : m_rows) {
        if (isRunning(row.status.state))
            rate += row.status.bytesPerSecond;
    }
    return rate;
}

int UploadQueueModel::activeCount() const
{
    int active = 0;
    for (const Row &row : m_rows)
        active += isFinal(row.status.state) ? 0 : 1;
    return active;
}

int UploadQueueModel::countIn(UploadState state) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [state](const Row &row) { return row.status.state == state; }));
}

int UploadQueueModel::runningCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const Row &row) { return isRunning(row.status.state); }));
}

int UploadQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UploadQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UploadQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Rate || index.column() == TimeLeft)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return row.status.id;
    case StateRole:
        return int(row.status.state);
    case DigestRole:
        return row.status.digest;
    case ProgressRole:
        return perMille(row.status);
    case KindRole:
        return int(row.kind);
    default:
        return {};
    }
}

QVariant UploadQueueModel::display(const Row &row, int column) const
{
    const UploadStatus &status = row.status;
    switch (Column(column)) {
    case Name:
        if (row.kind != TransferKind::Upload)
            return row.name;
        return QFileInfo(QDir::cleanPath(row.request.path)).fileName();
    case Repository:
        if (row.kind != TransferKind::Upload)
            return row.target;
        return row.request.repository;
    case Progress: {
        const int progress = perMille(status);
        return progress < 0 ? stateName(status.state) : tr("%1 %").arg(progress / 10);
    }
    case Size:
        if (status.total < 0)
            return status.sent > 0 ? Format::size(status.sent) : QString();
        if (status.state == UploadState::Done || status.total == 0)
            return Format::size(status.total);
        return tr("%1 of %2")
            .arg(Format::size(qMin(status.sent, status.total)), Format::size(status.total));
    case Rate:
        if (!isRunning(status.state) || status.bytesPerSecond <= 0)
            return QString();
        return tr("%1/s").arg(Format::size(qint64(status.bytesPerSecond)));
    case TimeLeft:
        if (!isRunning(status.state) || status.bytesPerSecond <= 0 || status.total < 0)
            return QString();
        return durationText(qint64(std::ceil(double(qMax<qint64>(status.total - status.sent, 0))
                                             / status.bytesPerSecond)));
    case State:
        if (row.kind == TransferKind::Download && status.state == UploadState::Sending)
            return tr("Downloading");
        if (row.kind == TransferKind::Copy && status.state == UploadState::Sending)
            return tr("Copying");
        return stateName(status.state);
    case Actions:
    case ColumnCount:
        break;
    }
    return QString();
}

QVariant UploadQueueModel::toolTip(const Row &row, int column) const
{
    if (column == Name && row.kind == TransferKind::Download)
        return tr("Download %1\n→ %2").arg(row.name, QDir::toNativeSeparators(row.target));
    if (column == Name && row.kind == TransferKind::Copy)
        return tr("Copy %1\n→ %2").arg(row.name, row.target);
    if (column == Name)
        return tr("Upload %1\n→ %2")
            .arg(QDir::toNativeSeparators(row.request.path), targetOf(row.request));
    if (column == State && isFinal(row.status.state) && !row.status.message.isEmpty())
        return row.status.message;
    return {};
}

QVariant UploadQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole && section == Actions)
        return tr("Cancel, pause or resume, retry");
    if (role != Qt::DisplayRole)
        return {};
    // In the order of Column; the actions column has no title.
    static const char *const titles[ColumnCount]
        = {QT_TR_NOOP("Name"), QT_TR_NOOP("To"),        QT_TR_NOOP("Progress"), QT_TR_NOOP("Size"),
           QT_TR_NOOP("Rate"), QT_TR_NOOP("Time Left"), QT_TR_NOOP("State"),    nullptr};
    return titles[section] ? tr(titles[section]) : QString();
}

QString UploadQueueModel::stateName(UploadState state)
{
    // In the order of UploadState.
    static const char *const names[]
        = {QT_TR_NOOP("Queued"),    QT_TR_NOOP("Reading"),  QT_TR_NOOP("Hashing"),
           QT_TR_NOOP("Checking"),  QT_TR_NOOP("Sending"),  QT_TR_NOOP("Retrying"),
           QT_TR_NOOP("Finishing"), QT_TR_NOOP("Paused"),   QT_TR_NOOP("Done"),
           QT_TR_NOOP("Failed"),    QT_TR_NOOP("Cancelled")};
    static_assert(std::size(names) == int(UploadState::Cancelled) + 1);
    return tr(names[int(state)]);
}

QString UploadQueueModel::durationText(qint64 seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

} // namespace Berth
