/** The ten most frequent fraud types published by 公安部 (2024), plus 其他. Codes are stored. */
export enum FraudType {
  OrderBrushing = 'order_brushing',
  Investment = 'investment',
  FakeShopping = 'fake_shopping',
  FakeCustomerService = 'fake_customer_service',
  FakeLoan = 'fake_loan',
  FakeCredit = 'fake_credit',
  ImpersonateAcquaintance = 'impersonate_acquaintance',
  ImpersonateAuthority = 'impersonate_authority',
  OnlineRomance = 'online_romance',
  GameTrading = 'game_trading',
  Other = 'other',
}

export const FRAUD_TYPE_NAMES: Record<FraudType, string> = {
  [FraudType.OrderBrushing]: '刷单返利',
  [FraudType.Investment]: '虚假网络投资理财',
  [FraudType.FakeShopping]: '虚假购物服务',
  [FraudType.FakeCustomerService]: '冒充电商物流客服',
  [FraudType.FakeLoan]: '虚假贷款',
  [FraudType.FakeCredit]: '虚假征信',
  [FraudType.ImpersonateAcquaintance]: '冒充领导熟人',
  [FraudType.ImpersonateAuthority]: '冒充公检法及政府机关',
  [FraudType.OnlineRomance]: '网络婚恋交友',
  [FraudType.GameTrading]: '网络游戏产品虚假交易',
  [FraudType.Other]: '其他',
};

export const ALL_FRAUD_TYPES: readonly FraudType[] = Object.values(FraudType);

export function fraudTypeFromName(name: string): FraudType | undefined {
  const trimmed = name.trim();
  return ALL_FRAUD_TYPES.find((code) => code === (trimmed as FraudType) || FRAUD_TYPE_NAMES[code] === trimmed);
}
