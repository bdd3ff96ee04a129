#include "console_settings.h"

#include "approvals/actor_name.h"
#include "sync/event_contract.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtGlobal>
#include <algorithm>
#include <cmath>

namespace payops {

namespace {
// Every key the console writes, in one place.
const QString kVersionKey = QStringLiteral("settings/version");
const QString kTheme = QStringLiteral("appearance/theme");
const QString kLanguage = QStringLiteral("appearance/language");
const QString kUser = QStringLiteral("profile/user");
const QString kRole = QStringLiteral("profile/role");
const QString kSpeed = QStringLiteral("agent/speed");
const QString kScenario = QStringLiteral("agent/scenario");
const QString kRenotify = QStringLiteral("notifications/renotify_minutes");
const QString kDesktop = QStringLiteral("notifications/desktop");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kLastPage = QStringLiteral("window/page");
const QString kViews = QStringLiteral("views/");
const QString kSyncUrls = QStringLiteral("sync/urls");
const QString kSource = QStringLiteral("source/kind");
const QString kSourceTenant = QStringLiteral("source/tenant");
const QString kSourceFeed = QStringLiteral("source/python_feed");
const QString kSyncAuth = QStringLiteral("sync/auth_kind");
const QString kSyncUser = QStringLiteral("sync/user");
const QString kSyncCa = QStringLiteral("sync/ca_file");
const QString kSyncVerify = QStringLiteral("sync/verify_tls");
} // namespace

QString themeName(ConsoleSettings::Theme theme)
{
    switch (theme) {
    case ConsoleSettings::Theme::Light:
        return QStringLiteral("light");
    case ConsoleSettings::Theme::Dark:
        return QStringLiteral("dark");
    case ConsoleSettings::Theme::System:
        break;
    }
    return QStringLiteral("system");
}

ConsoleSettings::Theme themeFromName(const QString& name)
{
    if (name == QLatin1String("light"))
        return ConsoleSettings::Theme::Light;
    if (name == QLatin1String("dark"))
        return ConsoleSettings::Theme::Dark;
    return ConsoleSettings::Theme::System;
}

namespace {
// Where QSettings' INI reader gave up, for the message: the first line that is neither blank, a comment, a [section]
// nor key=value.
QString firstUnreadableLine(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    constexpr int kQuoted = 40;
    for (int number = 1; !file.atEnd(); ++number) {
        const QByteArray line = file.readLine(64 * 1024).trimmed();
        if (line.isEmpty() || line.startsWith(';') || line.contains('=') || // '#' starts no comment for QSettings
            (line.startsWith('[') && line.endsWith(']')))
            continue;
        const bool binary = std::any_of(line.begin(), line.end(),
                                        [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t'; });
        if (binary)
            return QCoreApplication::translate("ConsoleSettings", "line %1: binary data").arg(number);
        QString quoted = QString::fromUtf8(line.left(kQuoted));
        if (line.size() > kQuoted)
            quoted += QStringLiteral("...");
        return QCoreApplication::translate("ConsoleSettings", "line %1: \"%2\"").arg(number).arg(quoted);
    }
    return {};
}

// QSettings parses a section of its file when a key of it is first read, and only then knows whether it could: status()
// says Ok until then, so every section is read here.
bool cannotRead(QSettings& settings)
{
    (void)settings.allKeys();
    return settings.status() == QSettings::FormatError;
}

// The console's settings are this one file. With fallbacks, a broken ~/.config/PayOps.conf (another PayOps program's)
// made a good file of ours look unreadable, and it was set aside.
std::unique_ptr<QSettings> ownSettings()
{
    auto settings = std::make_unique<QSettings>();
    settings->setFallbacksEnabled(false);
    return settings;
}
} // namespace

ConsoleSettings::ConsoleSettings(QObject* parent) : QObject(parent), m_settings(ownSettings())
{
    if (cannotRead(*m_settings)) {
        const QString path = m_settings->fileName();
        noteUnreadable(path);
        m_settings.reset();
        QString aside = path + QStringLiteral(".unreadable");
        for (int n = 2; QFile::exists(aside); ++n)
            aside = path + QStringLiteral(".unreadable.%1").arg(n);
        if (QFile::rename(path, aside)) {
            m_setAsideAs = aside;
            m_settings = ownSettings();
        } else {
            useScratch();
        }
    }
    migrate();
}

ConsoleSettings::ConsoleSettings(const QString& iniPath, QObject* parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
    if (cannotRead(*m_settings)) {
        noteUnreadable(iniPath);
        useScratch();
    }
    migrate();
}

ConsoleSettings::~ConsoleSettings() = default;

void ConsoleSettings::noteUnreadable(const QString& path)
{
    m_unreadableFile = path;
    m_unreadable = firstUnreadableLine(path);
}

void ConsoleSettings::useScratch()
{
    m_settings.reset();
    m_scratch = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(m_scratch->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
}

void ConsoleSettings::migrate()
{
    const int version = m_settings->value(kVersionKey, 0).toInt();
    m_firstRun = version == 0 && m_settings->allKeys().isEmpty();
    // Version 1 is the first; later versions rename or convert keys here, oldest step first.
    if (version < kVersion)
        m_settings->setValue(kVersionKey, kVersion);
}

ConsoleSettings::Theme ConsoleSettings::theme() const
{
    return themeFromName(m_settings->value(kTheme, QStringLiteral("system")).toString());
}

void ConsoleSettings::setTheme(Theme theme)
{
    if (theme == this->theme())
        return;
    m_settings->setValue(kTheme, themeName(theme));
    Q_EMIT themeChanged(theme);
}

QString ConsoleSettings::language() const
{
    return m_settings->value(kLanguage).toString();
}

void ConsoleSettings::setLanguage(const QString& language)
{
    if (language == this->language())
        return;
    m_settings->setValue(kLanguage, language);
    Q_EMIT languageChanged(language);
}

QString ConsoleSettings::userName() const
{
    // The name goes into the audit log as who acted ("operator:" and the name): one that would forge a line of it
    // (a line break), hide part of itself, fill it or read as the agent or another source is not taken, as the
    // command line's --actor and the profile dialog do not take it (a file saved before they checked may hold one).
    const auto usable = [](const QString& n) {
        return approvals::actorNameProblem(n) == approvals::ActorNameProblem::None;
    };
    QString fallback = qEnvironmentVariable("USER").trimmed();
    if (!usable(fallback))
        fallback = QStringLiteral("operator");
    const QString name = m_settings->value(kUser, fallback).toString().trimmed();
    return usable(name) ? name : fallback;
}

void ConsoleSettings::setUserName(const QString& name)
{
    m_settings->setValue(kUser, name);
    Q_EMIT profileChanged();
}

QString ConsoleSettings::role() const
{
    return m_settings->value(kRole, QStringLiteral("oncall")).toString();
}

approvals::OperatorRole ConsoleSettings::operatorRole() const
{
    return approvals::parseOperatorRole(role().toStdString()).value_or(approvals::OperatorRole::Viewer);
}

void ConsoleSettings::setRole(const QString& role)
{
    m_settings->setValue(kRole, role);
    Q_EMIT profileChanged();
}

double ConsoleSettings::speed() const
{
    // NaN passes std::clamp: "speed=nan" paced the agent at a cycle a minute while the toolbar said 1x.
    bool ok = false;
    const double speed = m_settings->value(kSpeed, 16.0).toDouble(&ok);
    return ok && std::isfinite(speed) ? std::clamp(speed, 1.0, 1000.0) : 16.0;
}

void ConsoleSettings::setSpeed(double speed)
{
    m_settings->setValue(kSpeed, speed);
}

QString ConsoleSettings::scenario() const
{
    return m_settings->value(kScenario, QStringLiteral("issuer_outage")).toString();
}

void ConsoleSettings::setScenario(const QString& scenario)
{
    m_settings->setValue(kScenario, scenario);
}

int ConsoleSettings::renotifyMinutes() const
{
    return std::clamp(m_settings->value(kRenotify, 5).toInt(), 1, 24 * 60);
}

void ConsoleSettings::setRenotifyMinutes(int minutes)
{
    m_settings->setValue(kRenotify, minutes);
}

ConsoleSettings::SyncServer ConsoleSettings::syncServer() const
{
    SyncServer s;
    s.urls = m_settings->value(kSyncUrls).toString();
    s.authKind = m_settings->value(kSyncAuth, QStringLiteral("none")).toString();
    if (!QStringList{QStringLiteral("none"), QStringLiteral("token"), QStringLiteral("user"), QStringLiteral("nkey"),
                     QStringLiteral("jwt")}
             .contains(s.authKind))
        s.authKind = QStringLiteral("none");
    s.user = m_settings->value(kSyncUser).toString();
    s.caFile = m_settings->value(kSyncCa).toString();
    s.verifyTls = m_settings->value(kSyncVerify, true).toBool();
    return s;
}

void ConsoleSettings::setSyncServer(const SyncServer& server)
{
    m_settings->setValue(kSyncUrls, server.urls.trimmed());
    m_settings->setValue(kSyncAuth, server.authKind);
    m_settings->setValue(kSyncUser, server.user);
    m_settings->setValue(kSyncCa, server.caFile);
    m_settings->setValue(kSyncVerify, server.verifyTls);
    Q_EMIT syncServerChanged();
}

ConsoleSettings::Source ConsoleSettings::source() const
{
    return sourceFromName(m_settings->value(kSource).toString()).value_or(Source::Local);
}

QString ConsoleSettings::remoteTenant() const
{
    // The publisher's default tenant, also in place of one saved before tenants were checked ("acme.eu", followed as
    // acme_eu): publish refuses such a name now, so no agent publishes under it.
    const QString t = m_settings->value(kSourceTenant).toString().trimmed();
    return sync::contract::isSubjectToken(t) ? t : QStringLiteral("acme");
}

QString ConsoleSettings::pythonFeedUrl() const
{
    const QString u = m_settings->value(kSourceFeed).toString().trimmed();
    return u.isEmpty() ? QStringLiteral("ws://127.0.0.1:8765") : u;
}

void ConsoleSettings::setSource(Source source, const QString& remoteTenant, const QString& pythonFeedUrl)
{
    m_settings->setValue(kSource, sourceName(source));
    m_settings->setValue(kSourceTenant, remoteTenant.trimmed());
    m_settings->setValue(kSourceFeed, pythonFeedUrl.trimmed());
    Q_EMIT sourceChanged();
}

QString sourceName(ConsoleSettings::Source source)
{
    switch (source) {
    case ConsoleSettings::Source::Local:
        return QStringLiteral("local");
    case ConsoleSettings::Source::RemoteAgent:
        return QStringLiteral("remote");
    case ConsoleSettings::Source::PythonFeed:
        return QStringLiteral("python-feed");
    }
    return QStringLiteral("local");
}

std::optional<ConsoleSettings::Source> sourceFromName(const QString& name)
{
    for (auto s :
         {ConsoleSettings::Source::Local, ConsoleSettings::Source::RemoteAgent, ConsoleSettings::Source::PythonFeed}) {
        if (name == sourceName(s))
            return s;
    }
    return std::nullopt;
}

bool ConsoleSettings::desktopNotifications() const
{
    return m_settings->value(kDesktop, true).toBool();
}

void ConsoleSettings::setDesktopNotifications(bool on)
{
    m_settings->setValue(kDesktop, on);
}

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

void ConsoleSettings::setWindowGeometry(const QByteArray& state)
{
    m_settings->setValue(kGeometry, state);
}

QByteArray ConsoleSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}

void ConsoleSettings::setWindowState(const QByteArray& state)
{
    m_settings->setValue(kState, state);
}

QByteArray ConsoleSettings::viewState(const QString& name) const
{
    return m_settings->value(kViews + name).toByteArray();
}

void ConsoleSettings::setViewState(const QString& name, const QByteArray& state)
{
    m_settings->setValue(kViews + name, state);
}

QString ConsoleSettings::lastPage() const
{
    return m_settings->value(kLastPage, QStringLiteral("health")).toString();
}

void ConsoleSettings::setLastPage(const QString& page)
{
    m_settings->setValue(kLastPage, page);
}

bool ConsoleSettings::firstRun() const
{
    return m_firstRun;
}

void ConsoleSettings::sync()
{
    m_settings->sync();
}

QString ConsoleSettings::cannotSave() const
{
    if (wasUnreadable())
        return {}; // said already, in its own words
    const QFileInfo file(m_settings->fileName());
    if (file.isDir())
        return tr("it is a directory");
    if (file.exists())
        return file.isWritable() ? QString() : tr("the file is not writable");
    // QSettings creates the directories it is missing (~/.config/PayOps on a first run): what counts is the nearest
    // one that exists. Asking the file's own directory said "not writable" on every first run.
    QDir dir(file.absolutePath());
    while (!dir.exists() && !dir.isRoot())
        dir.setPath(QFileInfo(dir.absolutePath()).absolutePath());
    const QFileInfo nearest(dir.absolutePath());
    return nearest.isDir() && nearest.isWritable() ? QString() : tr("its directory is not writable");
}

QString ConsoleSettings::fileName() const
{
    return m_settings->fileName();
}

} // namespace payops
