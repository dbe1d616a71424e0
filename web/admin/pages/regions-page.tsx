import { EnvironmentOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Card,
  Col,
  type TreeDataNode as DataNode,
  Descriptions,
  Empty,
  Input,
  List,
  Row,
  Skeleton,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { type Key, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import type { RegionDetail, RegionNode, RegionSearchHit } from '../../shared/types.ts';
import { fetchRegionChildren } from '../components/region-tree-select.tsx';

const LEVEL_COLORS: Record<number, string> = { 1: 'magenta', 2: 'volcano', 3: 'gold', 4: 'blue', 5: 'green' };

export function LevelTag({ level }: { level: number }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLORS[level] ?? 'default'} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`regions.levels.${level}`, { defaultValue: String(level) })}
    </Tag>
  );
}

function toTreeNode(region: RegionNode): DataNode {
  return {
    key: region.code,
    isLeaf: !region.hasChildren,
    title: (
      <span data-testid={`region-node-${region.code}`}>
        {region.name} <LevelTag level={region.level} />
      </span>
    ),
  };
}

function withChildren(nodes: DataNode[], key: Key, children: DataNode[]): DataNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children };
    if (node.children) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}

export function RegionsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [treeData, setTreeData] = useState<DataNode[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [q, setQ] = useState('');

  const roots = useQuery({ queryKey: ['regions', 'children', ''], queryFn: () => fetchRegionChildren() });
  useEffect(() => {
    if (roots.data) setTreeData(roots.data.map(toTreeNode));
  }, [roots.data]);

  const search = useQuery({
    queryKey: ['regions', 'search', q],
    queryFn: ({ signal }) => api.get<RegionSearchHit[]>('/regions/search', { q }, { signal }),
    enabled: q.length > 0,
  });

  const detail = useQuery({
    queryKey: ['regions', 'detail', selected],
    queryFn: ({ signal }) => api.get<RegionDetail>(`/regions/${selected}`, undefined, { signal }),
    enabled: selected !== null,
  });

  const loadData = async (node: { key: Key; children?: DataNode[] }) => {
    if (node.children) return;
    const parent = String(node.key);
    const children = await queryClient.fetchQuery({
      queryKey: ['regions', 'children', parent],
      queryFn: () => fetchRegionChildren(parent),
      staleTime: 10 * 60_000,
    });
    setTreeData((prev) => withChildren(prev, node.key, children.map(toTreeNode)));
  };

  return (
    <PageContainer title={t('regions.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('regions.tree')}
            styles={{ body: { maxHeight: 'calc(100vh - 260px)', overflow: 'auto' } }}
          >
            {roots.isLoading ? (
              <Skeleton active />
            ) : (
              <Tree
                data-testid="regions-tree"
                showLine
                blockNode
                treeData={treeData}
                loadData={loadData}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys.length > 0 ? String(keys[0]) : null)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Input.Search
              data-testid="regions-search"
              allowClear
              enterButton
              placeholder={t('regions.searchPlaceholder')}
              onSearch={(value) => setQ(value.trim())}
            />
            {q && (
              <List<RegionSearchHit>
                data-testid="regions-search-results"
                style={{ marginTop: 12, maxHeight: 320, overflow: 'auto' }}
                size="small"
                header={<Typography.Text type="secondary">{t('regions.results')}</Typography.Text>}
                loading={search.isFetching}
                dataSource={search.data ?? []}
                locale={{ emptyText: t('regions.noResults') }}
                renderItem={(hit) => (
                  <List.Item
                    style={{ cursor: 'pointer', background: hit.code === selected ? '#e8f1ff' : undefined }}
                    onClick={() => setSelected(hit.code)}
                    extra={<LevelTag level={hit.level} />}
                  >
                    <List.Item.Meta
                      avatar={<EnvironmentOutlined style={{ color: '#1677ff' }} />}
                      title={hit.path}
                      description={<span className="hm-mono">{hit.code}</span>}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('regions.detail')}>
            {selected === null ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regions.selectHint')} />
            ) : detail.isLoading || !detail.data ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : (
              <Descriptions
                column={1}
                size="small"
                bordered
                data-testid="region-detail"
                items={[
                  {
                    key: 'code',
                    label: t('regions.code'),
                    children: <span className="hm-mono">{detail.data.code}</span>,
                  },
                  { key: 'name', label: t('regions.name'), children: detail.data.name },
                  { key: 'level', label: t('regions.level'), children: <LevelTag level={detail.data.level} /> },
                  { key: 'path', label: t('regions.path'), children: detail.data.path },
                  {
                    key: 'parent',
                    label: t('regions.parent'),
                    children: detail.data.parent ? (
                      <Typography.Link className="hm-mono" onClick={() => setSelected(detail.data.parent)}>
                        {detail.data.parent}
                      </Typography.Link>
                    ) : (
                      '—'
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
