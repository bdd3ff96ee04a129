#include "table_delegates.h"

#include "ui/theme.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace payops {

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, QModelIndex()); // background and selection only
    const QVariantList values = index.data(m_role).toList();
    if (values.size() < 2)
        return;
    double lo = 1e300, hi = -1e300;
    for (const QVariant& v : values) {
        lo = std::min(lo, v.toDouble());
        hi = std::max(hi, v.toDouble());
    }
    if (hi - lo < 0.02) { // a flat line, not noise magnified to full height
        const double mid = (hi + lo) / 2;
        lo = mid - 0.01;
        hi = mid + 0.01;
    }
    const QRectF r = QRectF(option.rect).adjusted(4, 4, -4, -4);
    QPainterPath path;
    for (int i = 0; i < values.size(); ++i) {
        const double x = r.left() + r.width() * i / (values.size() - 1);
        const double y = r.bottom() - r.height() * (values[i].toDouble() - lo) / (hi - lo);
        if (i == 0)
            path.moveTo(x, y);
        else
            path.lineTo(x, y);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(QPen(selected ? option.palette.highlightedText().color() : Theme::accent(), 1.5));
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(120, 22));
}

void StatusDotDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    opt.rect.adjust(16, 0, 0, 0);
    QStyledItemDelegate::paint(painter, opt, index);
    QStyleOptionViewItem bg = option;
    bg.rect.setWidth(16);
    QStyledItemDelegate::paint(painter, bg, QModelIndex());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colourOf(index.data(m_role).toInt()));
    const QPointF centre(option.rect.left() + 9, option.rect.center().y() + 0.5);
    painter->drawEllipse(centre, 4.5, 4.5);
    painter->restore();
}

} // namespace payops
