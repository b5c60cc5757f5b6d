import { type ClearingHouse, type Role } from "../../shared/phases.js";

export interface SeedUser {
  userId: string;
  displayName: string;
  role: Role;
  participant: string;
  participantName: string;
  clearingHouse: ClearingHouse;
  email: string | null;
  hasSmartcard: boolean;
  createdAt: string;
}

export const demoPassword = "Demo#2023pass";

/** The demo users every data folder starts with (docs/participants.md lists them). */
export const seedUsers: readonly SeedUser[] = [
  {
    userId: "demo.user",
    displayName: "Chan Tai Man",
    role: "user",
    participant: "CP001",
    participantName: "Demo Securities Limited",
    clearingHouse: "HKSCC",
    email: "demo.user@cp001.example.com",
    hasSmartcard: true,
    createdAt: "2023-01-03T09:00:00+08:00",
  },
  {
    userId: "demo.da",
    displayName: "Wong Siu Ming",
    role: "da",
    participant: "CP001",
    participantName: "Demo Securities Limited",
    clearingHouse: "HKSCC",
    email: "demo.da@cp001.example.com",
    hasSmartcard: true,
    createdAt: "2022-06-01T09:00:00+08:00",
  },
  {
    userId: "demo.noemail",
    displayName: "Lee Ka Yan",
    role: "user",
    participant: "CP001",
    participantName: "Demo Securities Limited",
    clearingHouse: "HKSCC",
    email: null,
    hasSmartcard: true,
    createdAt: "2023-02-01T09:00:00+08:00",
  },
  {
    userId: "demo.hkcc",
    displayName: "Cheung Wing Sze",
    role: "user",
    participant: "CP002",
    participantName: "Demo Futures Limited",
    clearingHouse: "HKCC",
    email: "demo.hkcc@cp002.example.com",
    hasSmartcard: true,
    createdAt: "2023-01-10T09:00:00+08:00",
  },
  {
    userId: "demo.newuser",
    displayName: "Ho Chi Keung",
    role: "user",
    participant: "CP001",
    participantName: "Demo Securities Limited",
    clearingHouse: "HKSCC",
    email: "demo.newuser@cp001.example.com",
    hasSmartcard: false,
    createdAt: "2023-06-01T09:00:00+08:00",
  },
];
