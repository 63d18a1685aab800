package io.backoffice.keycloak.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.common.util.Time;

import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;

/**
 * Reads and writes administrator records and owners in the request's own transaction.
 * Writes that a database constraint guards are flushed at once, so a conflict becomes a 409 here
 * rather than Keycloak's generic error at commit.
 */
public class AdministratorStore {

    /** Session attribute: this request's {@link #recordsOfUser} answers, by realm and user. */
    private static final String RECORDS_OF_USER = AdministratorStore.class.getName() + ".recordsOfUser";

    private final KeycloakSession session;
    private final EntityManager em;

    public AdministratorStore(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** One of a user's records with what a token shows beside it: its organization's owner and the user's personal grants there. */
    public record UserRecord(AdministratorEntity record, String ownerId, List<String> personalGrants) {

        public boolean owner() {
            return record.getUserId().equals(ownerId);
        }
    }

    /**
     * Every record of the user in the realm, each with its organization's owner and the user's personal grants
     * there: one query, then remembered for the rest of the request (the token mapper runs once per token kind and
     * the acting-person listener after it; the PIN step's condition and step run in the same request). The records
     * are managed, so {@link #find} answers them without a query. Any write through this store or
     * {@link PersonalGrantStore} forgets what was remembered.
     */
    public List<UserRecord> recordsOfUser(String realmId, String userId) {
        return remembered(session).computeIfAbsent(realmId + "/" + userId, key -> readRecordsOfUser(realmId, userId));
    }

    private List<UserRecord> readRecordsOfUser(String realmId, String userId) {
        List<Object[]> rows = em.createQuery("select a, o.userId, g.roleName from AdministratorEntity a"
                        + " left join OrganizationOwnerEntity o on o.organizationId = a.organizationId"
                        + " left join PersonalGrantEntity g on g.organizationId = a.organizationId and g.userId = a.userId"
                        + " where a.realmId = :realmId and a.userId = :userId order by a.organizationId, g.roleName", Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultList();
        java.util.Map<AdministratorEntity, UserRecord> byRecord = new java.util.LinkedHashMap<>();
        for (Object[] row : rows) {
            UserRecord known = byRecord.computeIfAbsent((AdministratorEntity) row[0],
                    record -> new UserRecord(record, (String) row[1], new java.util.ArrayList<>()));
            if (row[2] != null) {
                known.personalGrants().add((String) row[2]);
            }
        }
        return byRecord.values().stream()
                .map(r -> new UserRecord(r.record(), r.ownerId(), List.copyOf(r.personalGrants())))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, List<UserRecord>> remembered(KeycloakSession session) {
        java.util.Map<String, List<UserRecord>> known = session.getAttribute(RECORDS_OF_USER, java.util.Map.class);
        if (known == null) {
            known = new java.util.HashMap<>();
            session.setAttribute(RECORDS_OF_USER, known);
        }
        return known;
    }

    /** A shared account's sessions must not go on saying it is none (every write of a record passes here). */
    private void forgetNotSharedIfShared(AdministratorEntity administrator) {
        if (administrator.getPinMode() == PinMode.SHARED) {
            io.backoffice.keycloak.core.model.ActingPersonNotes.forgetNotShared(session, administrator.getRealmId(), administrator.getUserId());
        }
    }

    /** After a write of records, owners or personal grants in this request: {@link #recordsOfUser} reads again. */
    static void forgetRecordsOfUsers(KeycloakSession session) {
        session.removeAttribute(RECORDS_OF_USER);
    }

    public Optional<AdministratorEntity> find(String organizationId, String userId) {
        return Optional.ofNullable(em.find(AdministratorEntity.class, new AdministratorEntity.Key(organizationId, userId)));
    }

    /** Every record of the organization, oldest first: for a whole export, never for a page. */
    public List<AdministratorEntity> listByOrganization(String organizationId) {
        return em.createNamedQuery("boaAdministratorsByOrganization", AdministratorEntity.class)
                .setParameter("organizationId", organizationId)
                .getResultList();
    }

    /**
     * One page of an organization's records, confirmed or not, oldest first: after the record at
     * ({@code afterCreatedAt}, {@code afterUserId}) when given (keyset: the index seeks there), else from {@code first}.
     */
    public List<ListedRecord> pageByOrganization(String organizationId, Long afterCreatedAt, String afterUserId, int first, int max) {
        var query = em.createQuery("select a, " + ListedRecord.PERSON_COLUMNS + " from AdministratorEntity a"
                        + " left join UserEntity u on u.id = a.userId where a.organizationId = :organizationId"
                        + (afterCreatedAt == null ? "" : AFTER) + " order by a.createdAt, a.userId", Object[].class)
                .setParameter("organizationId", organizationId)
                .setFirstResult(first)
                .setMaxResults(max);
        if (afterCreatedAt != null) {
            query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterUserId", afterUserId);
        }
        return query.getResultList().stream().map(ListedRecord::of).toList();
    }

    /** Keyset condition of both pages, in the lists' order (creation time, then user id); the first bound lets the index seek. */
    private static final String AFTER = " and a.createdAt >= :afterCreatedAt"
            + " and (a.createdAt > :afterCreatedAt or a.userId > :afterUserId)";

    /**
     * One page of an organization's confirmed administrators, filtered and paged by the database (a join
     * with Keycloak's user table), oldest first, after the record at ({@code afterCreatedAt}, {@code afterUserId})
     * when given, else from the offset {@code first}: the first page costs the same for 100 or 100,000
     * administrators, and so does any page reached by its cursor. Users of a federation provider that are not
     * imported into Keycloak's own table are not listed.
     */
    public List<ListedRecord> confirmedPage(String realmId, String organizationId, AdministratorStatus status,
                                            String search, String groupId, Long afterCreatedAt, String afterUserId,
                                            int first, int max) {
        StringBuilder jpql = new StringBuilder("select a, " + ListedRecord.PERSON_COLUMNS + " from AdministratorEntity a, UserEntity u"
                + " where u.id = a.userId and u.realmId = :realmId and a.organizationId = :organizationId"
                + " and u.emailVerified = true");
        if (afterCreatedAt != null) {
            jpql.append(AFTER);
        }
        if (status != null) {
            jpql.append(" and a.status = :status");
        }
        if (search != null) {
            jpql.append(" and (lower(u.username) like :search escape '\\' or lower(u.email) like :search escape '\\'"
                    + " or lower(u.firstName) like :search escape '\\' or lower(u.lastName) like :search escape '\\')");
        }
        if (groupId != null) {
            jpql.append(" and exists (select m from UserGroupMembershipEntity m where m.user = u and m.groupId = :groupId)");
        }
        jpql.append(" order by a.createdAt, a.userId");
        var query = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("organizationId", organizationId)
                .setFirstResult(first)
                .setMaxResults(max);
        if (afterCreatedAt != null) {
            query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterUserId", afterUserId);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        if (search != null) {
            query.setParameter("search", "%" + search.toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (groupId != null) {
            query.setParameter("groupId", groupId);
        }
        return query.getResultList().stream().map(ListedRecord::of).toList();
    }

    public List<AdministratorEntity> listByUser(String realmId, String userId) {
        return em.createNamedQuery("boaAdministratorsByUser", AdministratorEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultList();
    }

    /** R-PIN-6: one lookup through the unique (organization, digest) index. */
    public Optional<AdministratorEntity> findByPinDigest(String organizationId, String pinDigest) {
        return em.createNamedQuery("boaAdministratorByPinDigest", AdministratorEntity.class)
                .setParameter("organizationId", organizationId)
                .setParameter("pinDigest", pinDigest)
                .getResultStream()
                .findFirst();
    }

    /**
     * The organization groups (Keycloak's, type organization, the organization's own membership group excepted)
     * each of these users is directly in, as Keycloak's {@code getOrganizationGroupsByMember} finds them, for a
     * whole page in one query: user id to group ids; users in none are absent.
     */
    public java.util.Map<String, List<String>> organizationGroupIdsOf(String realmId, String organizationId, String membershipGroupId,
                                                                      Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, List<String>> byUser = new java.util.HashMap<>();
        em.createQuery("select m.user.id, g.id from UserGroupMembershipEntity m, GroupEntity g where g.id = m.groupId"
                        + " and g.realm = :realmId and g.type = :type and g.organization.id = :organizationId"
                        + " and g.id <> :membershipGroupId and m.user.id in :userIds", Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("type", org.keycloak.models.GroupModel.Type.ORGANIZATION.intValue())
                .setParameter("organizationId", organizationId)
                .setParameter("membershipGroupId", membershipGroupId)
                .setParameter("userIds", userIds)
                .getResultList()
                .forEach(row -> byUser.computeIfAbsent((String) row[0], id -> new java.util.ArrayList<>()).add((String) row[1]));
        return byUser;
    }

    /** R-GROUP-3: the organization's administrators, active or not, who are members of the group. */
    public long countGroupHolders(String organizationId, String groupId) {
        return em.createQuery("select count(a) from AdministratorEntity a where a.organizationId = :organizationId"
                        + " and exists (select m from UserGroupMembershipEntity m where m.user.id = a.userId and m.groupId = :groupId)",
                        Long.class)
                .setParameter("organizationId", organizationId)
                .setParameter("groupId", groupId)
                .getSingleResult();
    }

    public long countPinHolders(String organizationId) {
        return em.createNamedQuery("boaCountPinHolders", Long.class)
                .setParameter("organizationId", organizationId)
                .getSingleResult();
    }

    public AdministratorEntity insert(AdministratorEntity administrator) {
        forgetRecordsOfUsers(session);
        forgetNotSharedIfShared(administrator);
        new OrganizationSupportStore(em).requireSeatFor(administrator);
        long now = Time.currentTimeMillis();
        administrator.setCreatedAt(now);
        administrator.setUpdatedAt(now);
        em.persist(administrator);
        flushOrConflict("administrator_exists", "This user is already an administrator of the organization.");
        return administrator;
    }

    /** Writes a changed record now; a PIN digest that another holder has is a conflict. */
    public void update(AdministratorEntity administrator) {
        forgetRecordsOfUsers(session);
        forgetNotSharedIfShared(administrator);
        new OrganizationSupportStore(em).requireSeatFor(administrator);
        administrator.setUpdatedAt(Time.currentTimeMillis());
        flushOrConflict("pin_conflict", "The generated PIN collided with another; try again.");
    }

    /**
     * The ids among these that name groups in the database now, past Keycloak's caches (which learn of a
     * concurrent deletion only after it commits).
     */
    public Set<String> existingGroupIds(Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("select g.id from GroupEntity g where g.id in :ids", String.class)
                .setParameter("ids", groupIds)
                .getResultList());
    }

    /** Reads the record again, for a request whose copy another transaction has changed since. */
    public void refresh(AdministratorEntity administrator) {
        em.refresh(administrator);
    }

    public Optional<OrganizationOwnerEntity> findOwner(String organizationId) {
        return Optional.ofNullable(em.find(OrganizationOwnerEntity.class, organizationId));
    }

    /** The owner row locked for update, so concurrent transfers run one after the other. */
    public Optional<OrganizationOwnerEntity> lockOwner(String organizationId) {
        try {
            return Optional.ofNullable(em.find(OrganizationOwnerEntity.class, organizationId, LockModeType.PESSIMISTIC_WRITE));
        } catch (RuntimeException e) {
            throw contention(e);
        }
    }

    public List<OrganizationOwnerEntity> ownershipsOf(String realmId, String userId) {
        return em.createNamedQuery("boaOwnersByUser", OrganizationOwnerEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultList();
    }

    public void insertOwner(String realmId, String organizationId, String userId) {
        forgetRecordsOfUsers(session);
        OrganizationOwnerEntity owner = new OrganizationOwnerEntity();
        owner.setOrganizationId(organizationId);
        owner.setUserId(userId);
        owner.setRealmId(realmId);
        owner.setSince(Time.currentTimeMillis());
        em.persist(owner);
        flushOrConflict("owner_exists", "The organization already has an owner; an identity admin can transfer ownership.");
    }

    public void changeOwner(OrganizationOwnerEntity owner, String newOwnerUserId) {
        forgetRecordsOfUsers(session);
        owner.setUserId(newOwnerUserId);
        owner.setSince(Time.currentTimeMillis());
        flushOrConflict("owner_exists", "The organization's owner changed at the same time; try again.");
    }

    /** Writes what is pending now, so a unique-key conflict shows here (see the class comment). */
    public void flush() {
        em.flush();
    }

    public Optional<InvitationEntity> findInvitation(String organizationId, String userId) {
        return Optional.ofNullable(em.find(InvitationEntity.class, new InvitationEntity.Key(organizationId, userId)));
    }

    /** An organization's invitations waiting for acceptance, oldest first. */
    public List<InvitationEntity> invitations(String organizationId) {
        return em.createNamedQuery("boaInvitationsByOrganization", InvitationEntity.class)
                .setParameter("organizationId", organizationId)
                .getResultList();
    }

    /** Records whose person has not confirmed their email yet (R-ADMIN-2): people created and still onboarding. */
    public List<AdministratorEntity> unconfirmed(String realmId, String organizationId) {
        return em.createQuery("select a from AdministratorEntity a, UserEntity u where u.id = a.userId and u.realmId = :realmId"
                        + " and a.organizationId = :organizationId and u.emailVerified = false order by a.createdAt, a.userId",
                        AdministratorEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("organizationId", organizationId)
                .getResultList();
    }

    /** A new invitation, or the same one sent again (its data replaced). */
    public void saveInvitation(InvitationEntity invitation) {
        if (invitation.getCreatedAt() == 0) {
            invitation.setCreatedAt(Time.currentTimeMillis());
            em.persist(invitation);
        }
        flushOrConflict("invitation_conflict", "Another request was inviting the same person at the same time; try again.");
    }

    public void removeInvitation(InvitationEntity invitation) {
        em.remove(invitation);
        em.flush();
    }

    /** R-DATA-1: everything of ours about an organization goes with it. */
    public void removeOrganization(String organizationId) {
        forgetRecordsOfUsers(session);
        em.createNamedQuery("boaDeleteOwnerByOrganization").setParameter("organizationId", organizationId).executeUpdate();
        em.createNamedQuery("boaDeleteAdministratorsByOrganization").setParameter("organizationId", organizationId).executeUpdate();
        em.createNamedQuery("boaDeleteInvitationsByOrganization").setParameter("organizationId", organizationId).executeUpdate();
    }

    public void removeRealm(String realmId) {
        forgetRecordsOfUsers(session);
        em.createNamedQuery("boaDeleteOwnersByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("boaDeleteAdministratorsByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("boaDeleteInvitationsByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("boaDeletePinKeyByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    /** R-DATA-2: a removed user's records go with it (owners are refused before this runs). */
    public void removeUser(String realmId, String userId) {
        forgetRecordsOfUsers(session);
        em.createNamedQuery("boaDeleteAdministratorsByUser")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
        em.createNamedQuery("boaDeleteInvitationsByUser")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
    }

    private void flushOrConflict(String code, String message) {
        try {
            em.flush();
        } catch (ModelDuplicateException e) {
            // Keycloak's EntityManager proxy turns a constraint violation into this; the transaction is
            // now rollback-only, which is what a refusal needs.
            throw ProblemException.conflict(code, message);
        } catch (RuntimeException e) {
            throw contention(e);
        }
    }

    /**
     * A write that waited too long for a concurrent one (lock timeout, deadlock, serialization failure)
     * is refused like a conflict rather than answered with a 500; everything else goes on up.
     */
    static RuntimeException contention(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.PessimisticLockException || cause instanceof jakarta.persistence.LockTimeoutException
                    || cause instanceof java.sql.SQLException sql && isContentionState(sql.getSQLState())) {
                return ProblemException.conflict("concurrent_change",
                        "Another request was changing the same data at the same time; nothing was changed, try again.");
            }
        }
        return e;
    }

    /** H2 lock timeout (HYT00), deadlocks and serialization failures (class 40), PostgreSQL lock not available. */
    private static boolean isContentionState(String state) {
        return state != null && (state.equals("HYT00") || state.startsWith("40") || state.equals("55P03"));
    }
}
