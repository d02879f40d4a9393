#pragma once

#include "upload/uploadrequest.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace Berth {

class JobTransfer;
class UploadWorker;

// The transfer queue as a table: one row per entry of the attached upload workers and one
// per attached JobTransfer (a download or a copy), in the order they were added. A row is appended
// when a worker adds an entry and updated in place (that row only) as its statuses come in. The
// model never owns a worker; when one is destroyed, its unfinished rows read Cancelled (destroying
// a worker cancels its uploads) and can no longer be retried. Rows are keyed by a serial the model
// gives each attached worker, never by the worker's address: a new worker may be allocated where a
// destroyed one was.
//
// The overall figures (bytes, rate, active count) cover the entries not finished yet;
// overallChanged() says they moved, at most about ten times a second.
class UploadQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Repository, Progress, Size, Rate, TimeLeft, State, Actions, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // int: the entry's id within its worker
        StateRole,                 // int: UploadState
        DigestRole,                // QString: the pushed blob's or manifest's digest once Done
        ProgressRole,              // int: 0..1000 per mille, -1 while the size is unknown
        KindRole,                  // int: TransferKind
    };
    enum class TransferKind { Upload, Download, Copy };

    explicit UploadQueueModel(QObject *parent = nullptr);
    ~UploadQueueModel() override;

    // Shows `worker`'s entries from now on (several workers may be attached).
    void attach(UploadWorker *worker);
    // Shows `transfer` as a row from now on.
    void attach(JobTransfer *transfer);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The worker of a row (nullptr once it is gone), and what it was asked and last said.
    UploadWorker *worker(int row) const;
    JobTransfer *transfer(int row) const; // nullptr for an upload, or once it is gone
    TransferKind kind(int row) const;
    const UploadRequest &request(int row) const { return m_rows.at(row).request; }
    const UploadStatus &status(int row) const { return m_rows.at(row).status; }
    int rowOf(const UploadWorker *worker, int id) const; // -1 once the worker is gone

    qint64 totalBytes() const;
    qint64 sentBytes() const;
    double bytesPerSecond() const; // the sum over the running entries
    int activeCount() const;       // queued, running or paused
    int countIn(UploadState state) const;
    int runningCount() const; // holding a slot: neither queued, paused nor finished

    // Drops the rows in a final state (Done, Failed, Cancelled).
    void removeFinished();

    // Translated names, for the views.
    static QString stateName(UploadState state);
    static QString durationText(qint64 seconds);

Q_SIGNALS:
    void overallChanged();

private:
    struct Row
    {
        QPointer<UploadWorker> worker;
        quint64 serial = 0; // the worker's, given by attach(); unique for the model's life
        UploadRequest request;
        UploadStatus status;
        QPointer<JobTransfer> transfer; // a download or copy instead of an upload
        TransferKind kind = TransferKind::Upload;
        QString name;   // a transfer's: what moves
        QString target; // a transfer's: where to
    };

    void add(UploadWorker *worker, quint64 serial, int id, const UploadRequest &request);
    void appendRow(Row row);
    void update(UploadWorker *worker, quint64 serial, const UploadStatus &status);
    void sourceDestroyed(const QObject *source, quint64 serial);
    void rebuildIndex();
    void scheduleOverall();
    QVariant display(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;

    QList<Row> m_rows;
    QHash<QPair<quint64, int>, int> m_rowOf;    // (serial, id) -> row
    QHash<const QObject *, quint64> m_serialOf; // workers and transfers alive, attached
    quint64 m_nextSerial = 1;
    QTimer m_overallTimer; // coalesces overallChanged()
};

} // namespace Berth
