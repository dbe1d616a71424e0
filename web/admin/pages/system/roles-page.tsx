import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/types.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { useRoles } from '../../hooks/use-admin-lists.ts';

export function RolesPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const roles = useRoles();

  const columns: ProColumns<Role>[] = [
    {
      title: t('roles.code'),
      dataIndex: 'code',
      width: 180,
      render: (_, r) => <span className="hm-mono">{r.code}</span>,
    },
    { title: t('roles.name'), dataIndex: 'nameZh', width: 160, render: (_, r) => (english ? r.nameEn : r.nameZh) },
    { title: t('roles.level'), dataIndex: 'level', width: 90 },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (_, r) => (
        <Space size={[0, 4]} wrap>
          {r.permissions.map((p) => (
            <Tag key={p} color="blue" className="hm-mono">
              {p}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('roles.businessLines'),
      dataIndex: 'businessLines',
      width: 260,
      render: (_, r) => (
        <Space size={[0, 4]} wrap>
          {r.businessLines.map((b) => (
            <Tag key={b} color="volcano">
              {b}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('roles.title')}>
      <ProTable<Role>
        rowKey="code"
        columns={columns}
        dataSource={roles.data ?? []}
        loading={roles.isFetching}
        search={false}
        pagination={false}
        options={{ reload: () => void roles.refetch(), density: false, setting: false }}
      />
    </PageContainer>
  );
}
