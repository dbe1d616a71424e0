import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { type CSSProperties, useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api.ts';
import type { RegionNode } from '../../shared/types.ts';

interface SimpleNode {
  id: string;
  pId: string | undefined;
  value: string;
  title: string;
  isLeaf: boolean;
}

export function fetchRegionChildren(parent?: string): Promise<RegionNode[]> {
  return api.get<RegionNode[]>('/regions/children', { parent });
}

function toSimpleNode(node: RegionNode, parent: string | undefined): SimpleNode {
  return { id: node.code, pId: parent, value: node.code, title: node.name, isLeaf: !node.hasChildren };
}

export interface RegionTreeSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  testId?: string;
}

/**
 * Region picker limited to the caller's scope; loads children lazily from GET /regions/children. Value = region code.
 * Works as a controlled antd Form item (value/onChange injected by Form.Item / ProTable renderFormItem).
 */
export function RegionTreeSelect({ value, onChange, placeholder, style, disabled, testId }: RegionTreeSelectProps) {
  const queryClient = useQueryClient();
  const roots = useQuery({ queryKey: ['regions', 'children', ''], queryFn: () => fetchRegionChildren() });
  const [nodes, setNodes] = useState<SimpleNode[]>([]);

  useEffect(() => {
    if (roots.data) setNodes(roots.data.map((n) => toSimpleNode(n, undefined)));
  }, [roots.data]);

  const loadData = useCallback(
    async (node: { value?: string | number | null }) => {
      const parent = node.value === null || node.value === undefined ? undefined : String(node.value);
      if (!parent) return;
      const children = await queryClient.fetchQuery({
        queryKey: ['regions', 'children', parent],
        queryFn: () => fetchRegionChildren(parent),
        staleTime: 10 * 60_000,
      });
      setNodes((prev) => {
        const known = new Set(prev.map((n) => n.id));
        return [...prev, ...children.filter((c) => !known.has(c.code)).map((c) => toSimpleNode(c, parent))];
      });
    },
    [queryClient],
  );

  return (
    <TreeSelect
      data-testid={testId}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      loading={roots.isLoading}
      disabled={disabled}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder={placeholder}
      style={{ minWidth: 200, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
