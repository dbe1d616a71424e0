import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SourceTag } from './policy-format.ts';

const COLOR: Record<SourceTag, string> = { N: 'red', CQ: 'blue', Seed: 'cyan', Ex: 'orange', Assumption: 'default' };

/** [N]/[CQ]/[Seed]/[Ex]/[Assumption] as a coloured tag; [Ex] says it is another locality's example. */
export function SourceTagView({ tag }: { tag: SourceTag | null }) {
  const { t } = useTranslation();
  const label = t(`policy.tags.${tag ?? 'none'}`);
  const view = (
    <Tag color={tag ? COLOR[tag] : 'green'} data-testid={`source-tag-${tag ?? 'none'}`}>
      {tag ? `[${tag}] ` : ''}
      {label}
    </Tag>
  );
  return tag === 'Ex' ? <Tooltip title={t('policy.exHint')}>{view}</Tooltip> : view;
}
