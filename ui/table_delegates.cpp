#include "table_delegates.h"

#include "ui/theme.h"

#include <QHeaderView>
#include <QPainter>
#include <QStyle>
#include <QTableView>
#include <QVarLengthArray>
#include <algorithm>

namespace payops {

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    paintPanel(painter, option); // background and selection only
    const QVariantList values = index.data(m_role).toList();
    if (values.size() < 2)
        return;
    QVarLengthArray<double, 128> v;
    v.reserve(values.size());
    double lo = 1e300, hi = -1e300;
    for (const QVariant& value : values) {
        v.append(value.toDouble());
        lo = std::min(lo, v.back());
        hi = std::max(hi, v.back());
    }
    // At least ten points of success rate from bottom to top: scaled to its own range alone, a row's wobble of a few
    // points was drawn as tall as another row's outage (the header's tooltip says so).
    constexpr double kMinSpan = 0.10;
    if (hi - lo < kMinSpan) {
        const double mid = (hi + lo) / 2;
        lo = mid - kMinSpan / 2;
        hi = mid + kMinSpan / 2;
    }
    const QRectF r = QRectF(option.rect).adjusted(4, 4, -4, -4);
    QVarLengthArray<QPointF, 128> line;
    line.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i)
        line.append({r.left() + r.width() * static_cast<double>(i) / static_cast<double>(v.size() - 1),
                     r.bottom() - r.height() * (v[i] - lo) / (hi - lo)});
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    // A cosmetic pen of width 1 takes the rasteriser's line drawer; a wider pen is stroked as a filled outline,
    // which cost the Health table most of its paint time with 250 live sparklines.
    QPen pen(selected ? option.palette.highlightedText().color() : Theme::accent(), 1);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawPolyline(line.data(), static_cast<int>(line.size()));
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(120, 22));
}

void StatusDotDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    paintPanel(painter, opt);
    paintText(painter, opt, opt.rect.adjusted(16, 0, 0, 0));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colourOf(index.data(m_role).toInt()));
    const QPointF centre(option.rect.left() + 9, option.rect.center().y() + 0.5);
    painter->drawEllipse(centre, 4.5, 4.5);
    painter->restore();
}

void widenToHeaders(QTableView& table)
{
    const QHeaderView* header = table.horizontalHeader();
    // Text, the style's margins on both sides and the sort indicator's room (about a line's height).
    const int room =
        4 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header) + header->fontMetrics().height();
    for (int c = 0; c < table.model()->columnCount(); ++c) {
        const QString text = table.model()->headerData(c, Qt::Horizontal).toString();
        table.setColumnWidth(c, std::max(table.columnWidth(c), header->fontMetrics().horizontalAdvance(text) + room));
    }
}

} // namespace payops
